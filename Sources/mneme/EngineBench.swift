import ArgumentParser
import Foundation
import Mneme
import MnemeStore

/// `mneme bench engine`: many concurrent sessions through one Engine on the offline provider.
struct EngineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Concurrent sessions × turns through one Engine (offline provider): throughput, latency, memory.",
        discussion: """
            Every turn is the real lifecycle (user message stored first, memory, retrieval over the sample \
            handbook, context assembly, streamed reply, reply and trace stored in one transaction). After the \
            run every session is checked: no message lost or duplicated, no error.
            """
    )

    @Option(help: "Concurrent sessions.")
    var sessions = 50

    @Option(help: "Turns per session.")
    var turns = 20

    @Option(help: "Distinct users the sessions belong to.")
    var users = 10

    @Option(help: "Folder for the temporary database (default: the system's temporary folder).")
    var dir: String?

    func run() async throws {
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory())
            .appendingPathComponent("mneme-bench-engine-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = EngineConfiguration(environment: [:])
        configuration.databasePath = folder.appendingPathComponent("engine.sqlite").path
        configuration.model = "offline:offline"
        let engine = try Engine(configuration: configuration)
        if let corpus = EngineSetup.sampleCorpus() {
            _ = try await engine.index([corpus], tenant: "bench", collection: "handbook")
        }
        let questions = [
            "How many vacation days do I get?", "How do I connect to the VPN?", "Who is on the support rota?",
            "What is the expense limit for travel?", "My name is Ada and I prefer short answers.",
        ]
        let clock = ContinuousClock()
        let started = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for index in 0..<sessions {
                group.addTask { [turns, users] in
                    var session: Int64?
                    var times: [Double] = []
                    for turn in 0..<turns {
                        let turnStart = clock.now
                        let message = "\(questions[(index + turn) % questions.count]) (#\(index)-\(turn))"
                        for try await event in engine.respond(
                            tenant: "bench", user: "user\(index % users)", session: session, message: message)
                        {
                            if case .accepted(let id, _) = event { session = id }
                        }
                        times.append((clock.now - turnStart).seconds)
                    }
                    return times
                }
            }
            var all: [Double] = []
            for try await times in group { all += times }
            return all
        }
        let elapsed = (clock.now - started).seconds
        let (stored, duplicates) = try await audit(engine)
        let timings = Timings(seconds: latencies)
        let expected = sessions * turns * 2
        Output.line(
            "engine benchmark: \(sessions) concurrent sessions × \(turns) turns, \(users) users, offline provider")
        Output.line(
            Output.table(
                ["metric", "value"],
                [
                    ["turns", String(latencies.count)],
                    ["wall time", String(format: "%.2f s", elapsed)],
                    ["throughput", String(format: "%.1f turns/s", Double(latencies.count) / elapsed)],
                    ["turn latency p50", formatMillis(timings.percentile(50))],
                    ["turn latency p99", formatMillis(timings.percentile(99))],
                    ["messages stored / expected", "\(stored) / \(expected)"],
                    ["duplicated user messages", String(duplicates)],
                    ["peak resident memory", String(format: "%.1f MiB", Double(ResidentMemory.peakKiB()) / 1024)],
                ]))
        if stored != expected || duplicates != 0 {
            throw ValidationError("messages were lost or duplicated")
        }
    }

    /// Counts stored messages and duplicated user messages per session.
    private func audit(_ engine: Engine) async throws -> (stored: Int, duplicates: Int) {
        var stored = 0
        var duplicates = 0
        for index in 0..<users {
            guard let user = try await engine.store.user(tenant: "bench", externalID: "user\(index)") else { continue }
            stored += try await engine.store.messageCount(for: user.scope)
            for summary in try await engine.store.sessions(for: user.scope, limit: 10_000) {
                let messages = try await engine.store.messages(in: summary.session.id, for: user.scope)
                let asked = messages.filter { $0.role == .user }.map(\.content)
                duplicates += asked.count - Set(asked).count
            }
        }
        return (stored, duplicates)
    }
}

/// The process's resident memory, from /proc (Linux).
enum ResidentMemory {
    /// Peak resident set size (VmHWM) of process `pid` (`self` by default), in KiB; 0 if unknown.
    static func peakKiB(pid: String = "self") -> Int { field("VmHWM:", pid: pid) }

    /// Current resident set size (VmRSS), in KiB; 0 if unknown.
    static func currentKiB(pid: String = "self") -> Int { field("VmRSS:", pid: pid) }

    private static func field(_ name: String, pid: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) })
        else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
