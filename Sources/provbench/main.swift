// provbench: overhead of streamed completions through MnemeProviders against the local OpenAI stub.
//
//   swift run -c release provbench [iterations] [concurrent]
//
// 1. Time to first delta and per-chunk cost of `OpenAIClient.stream` vs. the raw transport
//    (`HTTPClient.stream` + `serverSentEvents()`, the peer) on the same 200-chunk stream.
// 2. `concurrent` streams at once (default 200; 50 chunks, 10 ms apart): RSS and threads.
import Foundation
import MnemeHTTP
import MnemeProviders
import MnemeProvidersTesting

func procStatus(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(whereSeparator: \.isWhitespace)[1]) ?? -1
    }
    return -1
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let iterations = arguments.first ?? 50
let concurrent = arguments.dropFirst().first ?? 200
let chunkCount = 200

let words = (0..<chunkCount).map { " w\($0)" }
let stub = try OpenAIStub { _ in .answer(StubAnswer(text: words.joined(), chunks: words)) }
var configuration = HTTPClient.Configuration()
configuration.proxy = .disabled
let http = try HTTPClient(configuration: configuration)
let client = OpenAIClient(
    configuration: .openAI(apiKey: Secret("sk-bench"), baseURL: stub.baseURL), http: http, retry: .none)
let request = ChatRequest(model: "gpt-4o-mini", messages: [ChatTurn(role: .user, text: "Hi")])
let rawRequest = try await client.httpRequest(for: request, streaming: true)

func measureClient() async throws -> (ttfb: Double, total: Double) {
    let start = ContinuousClock.now
    var first: Duration?
    var deltas = 0
    for try await event in client.stream(request) {
        if case .delta = event {
            if first == nil { first = ContinuousClock.now - start }
            deltas += 1
        }
    }
    precondition(deltas == chunkCount)
    return (first!.seconds, (ContinuousClock.now - start).seconds)
}

func measureRaw() async throws -> (ttfb: Double, total: Double) {
    let start = ContinuousClock.now
    var first: Duration?
    let response = try await http.stream(rawRequest)
    var count = 0
    for try await event in response.body.serverSentEvents() {
        if event.data.contains("\"content\":\" w") {
            if first == nil { first = ContinuousClock.now - start }
            count += 1
        }
    }
    precondition(count == chunkCount)
    return (first!.seconds, (ContinuousClock.now - start).seconds)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

for _ in 0..<5 {
    _ = try await measureClient()
    _ = try await measureRaw()
}
var clientRuns: [(Double, Double)] = []
var rawRuns: [(Double, Double)] = []
for _ in 0..<iterations {
    rawRuns.append(try await measureRaw())
    clientRuns.append(try await measureClient())
}
let clientTTFB = median(clientRuns.map(\.0)) * 1e3
let rawTTFB = median(rawRuns.map(\.0)) * 1e3
let clientTotal = median(clientRuns.map(\.1)) * 1e3
let rawTotal = median(rawRuns.map(\.1)) * 1e3
print("streamed completion, \(chunkCount) chunks, \(iterations) runs (median)")
print(
    String(
        format: "  time to first delta: client %.3f ms, raw transport %.3f ms (ratio %.2f)", clientTTFB, rawTTFB,
        clientTTFB / rawTTFB))
print(
    String(
        format: "  whole stream:        client %.3f ms, raw transport %.3f ms (ratio %.2f)", clientTotal, rawTotal,
        clientTotal / rawTotal))
print(
    String(
        format: "  per chunk:           client %.2f µs, raw transport %.2f µs, overhead %.2f µs/chunk",
        clientTotal * 1e3 / Double(chunkCount), rawTotal * 1e3 / Double(chunkCount),
        (clientTotal - rawTotal) * 1e3 / Double(chunkCount)))

// Concurrent streams.
let slowWords = (0..<50).map { " s\($0)" }
let slowStub = try OpenAIStub { _ in
    .answer(StubAnswer(text: slowWords.joined(), chunks: slowWords, chunkDelay: .milliseconds(10)))
}
let slowClient = OpenAIClient(
    configuration: .openAI(apiKey: Secret("sk-bench"), baseURL: slowStub.baseURL), http: http, retry: .none)
let rssBefore = procStatus("VmRSS")
let threadsBefore = procStatus("Threads")
let started = ContinuousClock.now
let peak = try await withThrowingTaskGroup(of: Int.self) { group in
    for _ in 0..<concurrent {
        group.addTask {
            var deltas = 0
            for try await event in slowClient.stream(request) {
                if case .delta = event { deltas += 1 }
            }
            return deltas
        }
    }
    var sampler = (rss: 0, threads: 0)
    let monitor = Task {
        var peak = (rss: 0, threads: 0)
        while !Task.isCancelled {
            peak.rss = max(peak.rss, procStatus("VmRSS"))
            peak.threads = max(peak.threads, procStatus("Threads"))
            try? await Task.sleep(for: .milliseconds(20))
        }
        return peak
    }
    var total = 0
    for try await deltas in group { total += deltas }
    monitor.cancel()
    sampler = await monitor.value
    precondition(total == concurrent * slowWords.count)
    return sampler
}
let elapsed = (ContinuousClock.now - started).seconds
print(
    "\(concurrent) concurrent streams (50 chunks, 10 ms apart; the stub server runs in-process, one thread per connection)"
)
print(
    String(
        format: "  wall time %.2f s; RSS before %d KiB, peak %d KiB (+%d KiB, %.1f KiB/stream incl. server)",
        elapsed, rssBefore, peak.rss, peak.rss - rssBefore, Double(peak.rss - rssBefore) / Double(concurrent)))
print("  threads before \(threadsBefore), peak \(peak.threads) (includes \(concurrent) stub server connection threads)")
stub.shutdown()
slowStub.shutdown()
