import Foundation
import MnemeHTTP
import Synchronization

/// The benchmark phases. Each prints markdown table rows.
struct Benchmarks {
    let port: Int
    let client: HTTPClient
    var base: String { "http://127.0.0.1:\(port)" }

    /// `streams` concurrent slow streams (20 chunks 50 ms apart): threads and memory of this process,
    /// for MnemeHTTP and for the thread-per-stream peer (blocking sockets, one thread each).
    func concurrency(streams: Int) async throws {
        let url = base + "/slow?n=20&delay=50"
        let expected = (0..<20).map { "chunk-\($0);" }.joined()
        let client = self.client
        let clock = ContinuousClock()

        let sampler = Sampler()
        var start = clock.now
        let correct = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<streams {
                group.addTask {
                    let response = try await client.stream(HTTPRequest(url: url))
                    var text = ""
                    for try await chunk in response.body { text += String(decoding: chunk, as: UTF8.self) }
                    return text == expected
                }
            }
            var correct = 0
            for try await ok in group where ok { correct += 1 }
            return correct
        }
        let elapsed = clock.now - start
        let ours = sampler.stop()
        let highWater = ProcStatus.read().peakRSSKiB

        let peerSampler = Sampler()
        start = clock.now
        let completed = Atomic<Int>(0)
        let group = DispatchGroup()
        let port = self.port
        for _ in 0..<streams {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let raw = RawHTTPClient(port: port, bufferSize: 16384)
                if (try? raw.connect()) != nil, (try? raw.get("/slow?n=20&delay=50")) != nil {
                    completed.add(1, ordering: .relaxed)
                }
            }
            thread.start()
        }
        await withCheckedContinuation { continuation in
            group.notify(queue: .global()) { continuation.resume() }
        }
        let peerElapsed = clock.now - start
        let peer = peerSampler.stop()

        func row(_ name: String, _ done: Int, _ wall: Duration, _ sample: Sampler.Result) {
            let threads = "\(sample.before.threads) → \(sample.peakThreads)"
            let rss = "\(sample.before.rssKiB / 1024) → \(sample.peakRSSKiB / 1024) MiB"
            let perStream = (sample.peakRSSKiB - sample.before.rssKiB) / streams
            let wallText = "\(format(wall.milliseconds, 0)) ms"
            print("| \(name) | \(done)/\(streams) | \(wallText) | \(threads) | \(rss) (≈\(perStream) KiB per stream) |")
        }
        row("MnemeHTTP (one event-loop thread)", correct, elapsed, ours)
        row("peer: blocking socket, thread per stream", completed.load(ordering: .relaxed), peerElapsed, peer)
        print("")
        print("Process VmHWM right after the MnemeHTTP phase: \(highWater / 1024) MiB.")
        print("Thread counts include the sampler thread (+1).")
    }

    /// Time to first body byte of a tiny streamed response, sequentially, connection reused.
    func timeToFirstByte(iterations: Int) async throws {
        var client: [Duration] = []
        var raw: [Duration] = []
        let rawClient = RawHTTPClient(port: port)
        try rawClient.connect()
        let clock = ContinuousClock()
        for _ in 0..<20 {  // warm-up
            _ = try await self.client.execute(HTTPRequest(url: base + "/ttfb"))
            _ = try rawClient.get("/ttfb")
        }
        for _ in 0..<iterations {
            let start = clock.now
            let response = try await self.client.stream(HTTPRequest(url: base + "/ttfb"))
            var iterator = response.body.makeAsyncIterator()
            _ = try await iterator.next()
            client.append(clock.now - start)
            while try await iterator.next() != nil {}
            raw.append(try rawClient.get("/ttfb").firstByte)
        }
        var rawFresh: [Duration] = []
        for _ in 0..<iterations {
            let start = clock.now
            let fresh = RawHTTPClient(port: port)
            try fresh.connect()
            _ = try fresh.get("/ttfb")
            rawFresh.append(clock.now - start)
        }
        let curlCLI = try (0..<20).map { _ in try curlTiming(path: "/ttfb").firstByte }
        let c = Stats(client)
        let r = Stats(raw)
        let f = Stats(rawFresh)
        let k = Stats(curlCLI)
        func row(_ name: String, _ stats: Stats, _ runs: Int) {
            let median = format(stats.median.microseconds, 0)
            print("| \(name) | \(median) µs | \(format(stats.p90.microseconds, 0)) µs | \(runs) |")
        }
        row("MnemeHTTP `stream` → first chunk (keep-alive)", c, iterations)
        row("raw socket, keep-alive", r, iterations)
        row("raw socket, new connection each time", f, iterations)
        row("`curl` CLI `time_starttransfer` (new process + connection)", k, 20)
        print("")
        let ratio = format(c.median.microseconds / r.median.microseconds, 2)
        print("Ratio MnemeHTTP / raw keep-alive (median): \(ratio)×")
    }

    /// Reading a response of `count` chunks of `size` bytes sent back to back. Wall time is bounded
    /// by the server (one `send` per chunk); the client's CPU time is the per-chunk overhead.
    func chunkThroughput(count: Int, size: Int, repetitions: Int) async throws {
        let path = "/chunks?n=\(count)&size=\(size)"
        let rawClient = RawHTTPClient(port: port)
        try rawClient.connect()
        var client: [(Duration, Duration)] = []
        var delivered = 0
        var raw: [(Duration, Duration)] = []
        var sse: [(Duration, Duration)] = []
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            var start = clock.now
            var cpu = CPUTime.ofProcess()
            let response = try await self.client.stream(HTTPRequest(url: base + path))
            delivered = 0
            var bytes = 0
            for try await chunk in response.body {
                delivered += 1
                bytes += chunk.count
            }
            precondition(bytes == count * size, "short body")
            client.append((clock.now - start, CPUTime.ofProcess() - cpu))

            start = clock.now
            cpu = CPUTime.ofProcess()
            _ = try rawClient.get(path)
            raw.append((clock.now - start, CPUTime.ofProcess() - cpu))

            start = clock.now
            cpu = CPUTime.ofProcess()
            let sseResponse = try await self.client.stream(HTTPRequest(url: base + "/sse?n=\(count)"))
            var events = 0
            for try await _ in sseResponse.body.serverSentEvents() { events += 1 }
            precondition(events == count, "lost events")
            sse.append((clock.now - start, CPUTime.ofProcess() - cpu))
        }
        var curlCLI: [(Duration, Duration)] = []
        for _ in 0..<5 {
            let cpu = CPUTime.ofChildren()
            let total = try curlTiming(path: path).total
            curlCLI.append((total, CPUTime.ofChildren() - cpu))
        }
        func row(_ name: String, _ samples: [(Duration, Duration)]) -> Duration {
            let wall = Stats(samples.map(\.0)).median
            let cpu = Stats(samples.map(\.1)).median
            let perChunk = cpu.microseconds * 1000 / Double(count)
            let times = "\(format(wall.milliseconds, 1)) ms | \(format(cpu.milliseconds, 1)) ms"
            print("| \(name) | \(times) | \(format(perChunk, 0)) ns | \(samples.count) |")
            return cpu
        }
        let clientCPU = row("MnemeHTTP `stream`, iterate body", client)
        let rawCPU = row("raw socket (keep-alive), read to end", raw)
        _ = row("`curl` CLI (whole process, incl. start-up and connect)", curlCLI)
        _ = row("MnemeHTTP `stream` + SSE parse (\(count) events of ~60 B)", sse)
        print("")
        print("Body chunks delivered to the consumer in the last run: \(delivered) for \(count) server chunks.")
        let ratio = format(clientCPU.microseconds / rawCPU.microseconds, 2)
        print("Ratio of client CPU, MnemeHTTP / raw (median): \(ratio)×")
    }

    /// Runs the `curl` CLI once against `path`.
    private func curlTiming(path: String) throws -> (firstByte: Duration, total: Duration) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-o", "/dev/null", "-w", "%{time_starttransfer} %{time_total}", base + path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let parts = String(decoding: data, as: UTF8.self).split(separator: " ").compactMap { Double($0) }
        guard parts.count == 2 else { throw BenchError(message: "unexpected curl output") }
        return (.microseconds(Int64(parts[0] * 1e6)), .microseconds(Int64(parts[1] * 1e6)))
    }
}

/// Samples `/proc/self/status` every 2 ms on its own thread, keeping the peaks.
final class Sampler: Sendable {
    struct Result {
        var before: ProcStatus
        var peakThreads: Int
        var peakRSSKiB: Int
    }

    private let before = ProcStatus.read()
    private let peakThreads = Atomic<Int>(0)
    private let peakRSS = Atomic<Int>(0)
    private let running = Atomic<Bool>(true)
    private let finished = DispatchSemaphore(value: 0)

    init() {
        let thread = Thread { [self] in
            while running.load(ordering: .relaxed) {
                let status = ProcStatus.read()
                _ = peakThreads.max(status.threads, ordering: .relaxed)
                _ = peakRSS.max(status.rssKiB, ordering: .relaxed)
                Thread.sleep(forTimeInterval: 0.002)
            }
            finished.signal()
        }
        thread.start()
    }

    func stop() -> Result {
        running.store(false, ordering: .relaxed)
        finished.wait()
        return Result(
            before: before, peakThreads: peakThreads.load(ordering: .relaxed),
            peakRSSKiB: peakRSS.load(ordering: .relaxed))
    }
}
