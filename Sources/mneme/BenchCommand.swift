import ArgumentParser
import Foundation
import MnemeStore

/// `mneme bench …`: measurements recorded in docs/benchmarks.md. Not tests: they time things.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run Mneme's benchmarks (figures for docs/benchmarks.md).",
        subcommands: [
            StoreBench.self, RetrievalBench.self, EngineBench.self, StartupBench.self, ServeBench.self,
            RecallBench.self, ContextBench.self,
        ]
    )
}

/// Percentiles and rates of a list of durations.
struct Timings {
    private(set) var seconds: [Double] = []

    init(seconds: [Double] = []) {
        self.seconds = seconds
    }

    @discardableResult
    mutating func measure<T>(_ body: () async throws -> T) async rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await body()
        seconds.append((clock.now - start).seconds)
        return result
    }

    func percentile(_ p: Double) -> Double {
        guard !seconds.isEmpty else { return 0 }
        let sorted = seconds.sorted()
        let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var total: Double { seconds.reduce(0, +) }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

func formatMillis(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }

/// Benchmarks of the SQLite store.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Message insert rates (single and batched) and listing the last 50 messages of a large session."
    )

    @Option(help: "Messages in the large session.")
    var messages = 100_000

    @Option(help: "Messages inserted one transaction each.")
    var single = 2_000

    @Option(help: "Messages per transaction in the batched run.")
    var batch = 1_000

    @Option(help: "How many times to list the last 50 messages.")
    var queries = 2_000

    @Option(help: "Folder for the temporary database (default: the system's temporary folder).")
    var dir: String?

    @Option(help: "The Python peer script to run in the same run (skipped if python3 or the script is missing).")
    var peer = "scripts/bench_store_peer.py"

    func run() async throws {
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory())
            .appendingPathComponent("mneme-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = try await measureStore(path: folder.appendingPathComponent("bench.sqlite").path)
        let peerPath = folder.appendingPathComponent("peer.sqlite").path
        _ = try Store(path: peerPath)
        let theirs = try runPeer(database: peerPath)

        Output.line(
            "store benchmark: \(messages) messages in the large session, \(single) single inserts, \(queries) listings")
        var rows = [
            ["insert, one transaction each (messages/s)", String(format: "%.0f", ours.singlePerSecond)],
            ["insert, batches of \(batch) (messages/s)", String(format: "%.0f", ours.batchPerSecond)],
            ["last 50 of \(messages), p50 (ms)", String(format: "%.3f", ours.listP50 * 1000)],
            ["last 50 of \(messages), p99 (ms)", String(format: "%.3f", ours.listP99 * 1000)],
        ]
        if let theirs {
            let peerValues = [theirs.singlePerSecond, theirs.batchPerSecond, theirs.listP50, theirs.listP99]
            let ourValues = [ours.singlePerSecond, ours.batchPerSecond, ours.listP50, ours.listP99]
            for index in rows.indices {
                let higherIsBetter = index < 2
                let peerText = String(
                    format: higherIsBetter ? "%.0f" : "%.3f", peerValues[index] * (higherIsBetter ? 1 : 1000))
                let ratio = higherIsBetter ? ourValues[index] / peerValues[index] : peerValues[index] / ourValues[index]
                rows[index] += [peerText, String(format: "%.2fx", ratio)]
            }
            Output.line(Output.table(["metric", "Mneme (Swift, GRDB)", "Python sqlite3", "speed vs peer"], rows))
        } else {
            Output.line(Output.table(["metric", "Mneme (Swift, GRDB)"], rows))
            Output.line("(peer skipped: python3 or \(peer) is missing, or the peer failed; see above)")
        }
    }

    struct Figures {
        var singlePerSecond = 0.0
        var batchPerSecond = 0.0
        var listP50 = 0.0
        var listP99 = 0.0
    }

    private func measureStore(path: String) async throws -> Figures {
        let store = try Store(path: path)
        let user = try await store.ensureUser(tenant: "bench", externalID: "user")
        let text = "The quarterly review covers vacation policy, VPN access and the support rota for next month."
        var figures = Figures()

        let small = try await store.createSession(for: user.scope)
        var singles = Timings()
        for index in 0..<single {
            try await singles.measure {
                try await store.append(
                    NewMessage(role: .user, content: "\(text) #\(index)"), to: small.id, for: user.scope)
            }
        }
        figures.singlePerSecond = Double(single) / singles.total

        let large = try await store.createSession(for: user.scope)
        var batches = Timings()
        var written = 0
        while written < messages {
            let count = min(batch, messages - written)
            let rows = (0..<count).map { offset in
                NewMessage(
                    role: (written + offset) % 2 == 0 ? .user : .assistant, content: "\(text) #\(written + offset)")
            }
            try await batches.measure { try await store.append(contentsOf: rows, to: large.id, for: user.scope) }
            written += count
        }
        figures.batchPerSecond = Double(messages) / batches.total

        var listing = Timings()
        for _ in 0..<queries {
            let page = try await listing.measure {
                try await store.recentMessages(in: large.id, for: user.scope, limit: 50)
            }
            precondition(page.count == 50)
        }
        figures.listP50 = listing.percentile(50)
        figures.listP99 = listing.percentile(99)
        return figures
    }

    /// Runs the Python sqlite3 peer on a fresh Mneme database with the same workload.
    private func runPeer(database: String) throws -> Figures? {
        guard FileManager.default.fileExists(atPath: peer) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", peer, database, "\(messages)", "\(single)", "\(batch)", "\(queries)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return Figures(
            singlePerSecond: json["single_per_s"] as? Double ?? 0,
            batchPerSecond: json["batch_per_s"] as? Double ?? 0,
            listP50: (json["list_p50_ms"] as? Double ?? 0) / 1000,
            listP99: (json["list_p99_ms"] as? Double ?? 0) / 1000
        )
    }
}
