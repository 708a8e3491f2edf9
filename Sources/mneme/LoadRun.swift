import Foundation
import MnemeProviders
import MnemeStore
import Synchronization

/// The figures of one phase of `mneme bench serve`: latencies per request, errors, throughput.
struct LoadRun {
    /// One request's timings.
    struct Sample: Sendable {
        var first: Duration?
        var total: Duration
        var ok: Bool
    }

    var samples: [Sample] = []
    var errors = 0
    var wall: Duration = .zero
    var storedTurns: Int?
    var peakRSS = 0

    var throughput: Double { Double(samples.count) / max(Double(wall / .microseconds(1)) / 1e6, 1e-9) }

    func firstP(_ p: Double) -> Duration? { Self.percentile(samples.compactMap(\.first), p) }
    func totalP(_ p: Double) -> Duration? { Self.percentile(samples.map(\.total), p) }

    static func percentile(_ values: [Duration], _ p: Double) -> Duration? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count - 1)).rounded())))]
    }

    /// Runs `requests` calls of `body`, at most `concurrency` at once; failures are counted.
    static func measure(
        requests: Int, concurrency: Int, _ body: @escaping @Sendable (Int) async throws -> Sample
    ) async throws -> LoadRun {
        var run = LoadRun()
        let started = ContinuousClock.now
        await withTaskGroup(of: Sample?.self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask { try? await body(index) }
            }
            while next < min(concurrency, requests) { add() }
            for await sample in group {
                if let sample, sample.ok { run.samples.append(sample) } else { run.errors += 1 }
                if next < requests { add() }
            }
        }
        run.wall = ContinuousClock.now - started
        return run
    }

    /// The offline provider alone, streaming a typical request.
    static func upstream(requests: Int, concurrency: Int, delay: Duration) async throws -> LoadRun {
        let provider = OfflineProvider(chunkDelay: delay)
        let request = ChatRequest(
            model: "offline", system: "You are Lumen.", messages: [ChatTurn(role: .user, text: "Hi, my name is Ada.")],
            grounding: Grounding(userName: "Ada"))
        return try await measure(requests: requests, concurrency: concurrency) { _ in
            let started = ContinuousClock.now
            var first: Duration?
            for try await event in provider.stream(request) {
                if case .delta = event, first == nil { first = ContinuousClock.now - started }
            }
            return Sample(first: first, total: ContinuousClock.now - started, ok: true)
        }
    }

    /// Turns stored for the tenant: assistant replies (complete) counted over its users.
    static func storedTurns(_ store: Store, tenant: String) async throws -> Int {
        var count = 0
        for user in try await store.users(tenant: tenant, limit: 100_000) {
            for session in try await store.sessions(for: user.scope, limit: 100_000) {
                let messages = try await store.messages(in: session.session.id, for: user.scope)
                count += messages.filter { $0.role == .assistant && $0.status == .complete }.count
            }
        }
        return count
    }

    /// Resident and peak memory of this process, KiB.
    static func memory() -> (rss: Int, peak: Int) {
        (ResidentMemory.currentKiB(), ResidentMemory.peakKiB())
    }

    /// Samples RSS every 100 ms until cancelled.
    final class PeakSampler: Sendable {
        private let highest = Mutex(0)

        var peak: Int { highest.withLock { $0 } }

        func run() async {
            while !Task.isCancelled {
                let rss = LoadRun.memory().rss
                highest.withLock { $0 = max($0, rss) }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
