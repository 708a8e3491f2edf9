import ArgumentParser
import Foundation
import Mneme
import MnemeHTTP
import MnemeProviders
import MnemeServer
import MnemeStore

/// `mneme bench serve`: a bounded loopback load of concurrent streaming chats against an
/// in-process `mneme serve` with the offline provider, and the same turns through the `Engine`
/// directly (the peer) in the same run.
struct ServeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Concurrent streaming chats through mneme serve vs the Engine directly (offline provider).",
        discussion: """
            Three phases, each on a fresh database in a temporary folder: (1) the offline provider \
            alone, (2) Engine.respond directly, (3) POST /v1/chat/completions with stream: true over \
            loopback HTTP (MnemeHTTP, libcurl) to a server in this process. Reports throughput, time \
            to first text and to the end of the stream (p50/p99), errors, stored turns and memory.
            """
    )

    @Option(help: "Requests in flight at once.")
    var concurrency = 200

    @Option(help: "Requests per phase.")
    var requests = 2000

    @Option(help: "Distinct end users the requests are spread over.")
    var users = 500

    @Option(help: "The offline provider's pause between words, in milliseconds (the upstream's pace).")
    var delayMs = 0

    @Option(help: "Folder for the temporary databases (default: the system's temporary folder).")
    var dir: String?

    func run() async throws {
        guard concurrency > 0, requests > 0, users > 0, delayMs >= 0 else {
            throw ValidationError("--concurrency, --requests and --users must be positive.")
        }
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory())
            .appendingPathComponent("mneme-bench-serve-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        Output.line(
            "serve benchmark: \(requests) streaming chats per phase, \(concurrency) at once, \(users) users, "
                + "offline provider with \(delayMs) ms between words")
        let memoryBefore = LoadRun.memory()
        let upstream = try await LoadRun.upstream(requests: requests, concurrency: concurrency, delay: delay)
        let direct = try await directPhase(folder.appendingPathComponent("engine.sqlite").path)
        let served = try await serverPhase(folder.appendingPathComponent("server.sqlite").path)
        let memoryAfter = LoadRun.memory()
        report(upstream: upstream, direct: direct, served: served)
        Output.line(
            "memory: RSS \(memoryBefore.rss / 1024) MiB before, \(memoryAfter.rss / 1024) MiB after; "
                + "peak (VmHWM) \(memoryAfter.peak / 1024) MiB; peak during the server phase "
                + "\(served.peakRSS / 1024) MiB (server and load client in one process)")
    }

    private var delay: Duration { .milliseconds(delayMs) }

    private func engine(_ path: String) throws -> Engine {
        var configuration = EngineConfiguration(environment: [:])
        configuration.databasePath = path
        configuration.offlineChunkDelay = delay
        return try Engine(configuration: configuration)
    }

    private static let questions = [
        "Hi, my name is Ada.", "How many vacation days do I get?", "What is the VPN policy?",
        "Remember that I prefer short answers.", "Who approves travel expenses?",
    ]

    private func directPhase(_ path: String) async throws -> LoadRun {
        let engine = try engine(path)
        var run = try await LoadRun.measure(requests: requests, concurrency: concurrency) { index in
            let started = ContinuousClock.now
            var first: Duration?
            var finished = false
            for try await event in engine.respond(
                tenant: "bench", user: "user-\(index % users)", session: nil,
                message: Self.questions[index % Self.questions.count])
            {
                if case .delta = event, first == nil { first = ContinuousClock.now - started }
                if case .finished = event { finished = true }
            }
            return LoadRun.Sample(first: first, total: ContinuousClock.now - started, ok: finished)
        }
        run.storedTurns = try await LoadRun.storedTurns(engine.store, tenant: "bench")
        return run
    }

    private func serverPhase(_ path: String) async throws -> LoadRun {
        let engine = try engine(path)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.rateLimitPerSecond = 0
        configuration.logFormat = .off
        let server = MnemeServer(engine: engine, configuration: configuration)
        let key = try await server.keys.create(tenant: "bench", scope: .chat).key
        let (addresses, announce) = AsyncStream<String>.makeStream()
        let serving = Task { try await server.application(onListening: { announce.yield($0) }).run() }
        defer { serving.cancel() }
        var iterator = addresses.makeAsyncIterator()
        guard let base = await iterator.next() else { throw ValidationError("The server did not start.") }
        let http = try HTTPClient()
        defer { http.shutdown() }
        let sampler = LoadRun.PeakSampler()
        let sampling = Task { await sampler.run() }
        var run = try await LoadRun.measure(requests: requests, concurrency: concurrency) { index in
            let body: [String: Any] = [
                "model": "mneme", "user": "user-\(index % users)", "stream": true,
                "messages": [["role": "user", "content": Self.questions[index % Self.questions.count]]],
            ]
            let started = ContinuousClock.now
            let response = try await http.stream(
                HTTPRequest(
                    method: .post, url: base + "/v1/chat/completions",
                    headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"],
                    body: Array(try JSONSerialization.data(withJSONObject: body)), timeout: .seconds(300)))
            var first: Duration?
            var tail: [UInt8] = []
            for try await chunk in response.body {
                if first == nil { first = ContinuousClock.now - started }
                tail = Array((tail + chunk).suffix(32))
            }
            let done = String(decoding: tail, as: UTF8.self).hasSuffix("data: [DONE]\n\n")
            return LoadRun.Sample(
                first: first, total: ContinuousClock.now - started, ok: response.status == 200 && done)
        }
        sampling.cancel()
        run.peakRSS = sampler.peak
        run.storedTurns = try await LoadRun.storedTurns(engine.store, tenant: "bench")
        return run
    }

    private func report(upstream: LoadRun, direct: LoadRun, served: LoadRun) {
        func ms(_ duration: Duration?) -> String {
            duration.map { String(format: "%.1f ms", Double($0 / .microseconds(1)) / 1000) } ?? "-"
        }
        let rows = [
            ("offline provider alone", upstream), ("Engine.respond (peer)", direct), ("mneme serve, HTTP+SSE", served),
        ]
        .map { name, run in
            [
                name, String(format: "%.0f", run.throughput), ms(run.firstP(50)), ms(run.firstP(99)),
                ms(run.totalP(50)), ms(run.totalP(99)), "\(run.errors)",
                run.storedTurns.map { "\($0)/\(requests)" } ?? "-",
            ]
        }
        Output.line(
            Output.table(
                ["path", "turns/s", "first text p50", "p99", "complete p50", "p99", "errors", "stored turns"], rows))
        let addedFirst = (served.firstP(50) ?? .zero) - (direct.firstP(50) ?? .zero)
        let addedTotal = (served.totalP(50) ?? .zero) - (direct.totalP(50) ?? .zero)
        let addedUpstream = (served.totalP(50) ?? .zero) - (upstream.totalP(50) ?? .zero)
        Output.line(
            "added by HTTP+SSE over the Engine: \(ms(addedFirst)) to first text, \(ms(addedTotal)) to the end (p50); "
                + String(format: "throughput %.2fx the peer's", served.throughput / max(direct.throughput, 1e-9)))
        Output.line(
            "added by Mneme (turn + HTTP) over the offline provider alone: \(ms(addedUpstream)) (p50, complete)")
    }
}
