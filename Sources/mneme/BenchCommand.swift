import ArgumentParser
import Foundation
import MnemeStore

/// `mneme bench …`: measurements recorded in docs/benchmarks.md. Not tests: they time things.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run Mneme's benchmarks (figures for docs/benchmarks.md).",
        subcommands: [StoreBench.self]
    )
}

/// Percentiles and rates of a list of durations.
struct Timings {
    private(set) var seconds: [Double] = []

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

    func run() async throws {
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory())
            .appendingPathComponent("mneme-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("bench.sqlite").path)
        let user = try await store.ensureUser(tenant: "bench", externalID: "user")
        let text = "The quarterly review covers vacation policy, VPN access and the support rota for next month."

        let small = try await store.createSession(for: user.scope)
        var singles = Timings()
        for index in 0..<single {
            try await singles.measure {
                try await store.append(
                    NewMessage(role: .user, content: "\(text) #\(index)"), to: small.id, for: user.scope)
            }
        }
        Output.line(
            String(
                format: "insert, one transaction each: %d messages, %.0f messages/s (p50 %@, p99 %@)",
                single, Double(single) / singles.total, formatMillis(singles.percentile(50)),
                formatMillis(singles.percentile(99)))
        )

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
        Output.line(
            String(
                format: "insert, batches of %d: %d messages, %.0f messages/s", batch, messages,
                Double(messages) / batches.total)
        )

        var listing = Timings()
        for _ in 0..<queries {
            let page = try await listing.measure {
                try await store.recentMessages(in: large.id, for: user.scope, limit: 50)
            }
            precondition(page.count == 50)
        }
        Output.line(
            "last 50 of \(messages) messages: p50 \(formatMillis(listing.percentile(50))), "
                + "p99 \(formatMillis(listing.percentile(99))) over \(queries) queries"
        )
    }
}
