import Foundation
import Synchronization

/// Counters kept by the server and served as Prometheus text at `GET /metrics`. Labels never
/// hold tenants, users or contents: routes are the matched patterns (`/admin/v1/users/{user}`).
final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histograms, in seconds.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    private struct RequestKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var count = 0
        var sum = 0.0

        mutating func observe(_ seconds: Double) {
            count += 1
            sum += seconds
            for (index, bound) in ServerMetrics.buckets.enumerated() where seconds <= bound { counts[index] += 1 }
        }
    }

    private struct State {
        var requests: [RequestKey: Int] = [:]
        var inFlight = 0
        var turns: [String: Int] = [:]
        var tokens: [String: Int] = [:]
        var turnDuration = Histogram()
        var firstToken = Histogram()
    }

    private let state = Mutex(State())
    private let started = Date()

    func requestStarted() { state.withLock { $0.inFlight += 1 } }

    func requestFinished(route: String, method: String, status: Int) {
        state.withLock {
            $0.inFlight -= 1
            $0.requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
        }
    }

    /// Requests being handled (streams included) — what a graceful shutdown waits for.
    var inFlight: Int { state.withLock { $0.inFlight } }

    /// A chat turn ended with `status` (`complete`, `partial`, `failed`).
    func turnFinished(status: String, seconds: Double, firstToken: Double?, prompt: Int?, completion: Int?) {
        state.withLock {
            $0.turns[status, default: 0] += 1
            $0.turnDuration.observe(seconds)
            if let firstToken { $0.firstToken.observe(firstToken) }
            if let prompt { $0.tokens["prompt", default: 0] += prompt }
            if let completion { $0.tokens["completion", default: 0] += completion }
        }
    }

    /// The Prometheus text exposition (version 0.0.4).
    func render() -> String {
        let snapshot = state.withLock { $0 }
        var out = ""
        out += "# HELP mneme_http_requests_total HTTP requests by matched route, method and status.\n"
        out += "# TYPE mneme_http_requests_total counter\n"
        for (key, value) in snapshot.requests.sorted(by: {
            ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status)
        }) {
            out += "mneme_http_requests_total{route=\(Self.label(key.route)),method=\(Self.label(key.method)),"
            out += "status=\"\(key.status)\"} \(value)\n"
        }
        out += "# HELP mneme_http_requests_in_flight Requests being handled, streams included.\n"
        out += "# TYPE mneme_http_requests_in_flight gauge\nmneme_http_requests_in_flight \(snapshot.inFlight)\n"
        out += "# HELP mneme_turns_total Chat turns by status (abandoned: the client hung up first).\n"
        out += "# TYPE mneme_turns_total counter\n"
        for status in ["complete", "partial", "failed", "abandoned"] {
            out += "mneme_turns_total{status=\"\(status)\"} \(snapshot.turns[status] ?? 0)\n"
        }
        out += "# HELP mneme_tokens_total Tokens reported by the providers.\n# TYPE mneme_tokens_total counter\n"
        for kind in ["prompt", "completion"] {
            out += "mneme_tokens_total{kind=\"\(kind)\"} \(snapshot.tokens[kind] ?? 0)\n"
        }
        out += Self.render(
            "mneme_turn_duration_seconds", "Time from request to the stored reply.", snapshot.turnDuration)
        out += Self.render(
            "mneme_turn_first_token_seconds", "Time from request to the first reply text.", snapshot.firstToken)
        out += "# HELP mneme_uptime_seconds Seconds since the server started.\n# TYPE mneme_uptime_seconds gauge\n"
        out += "mneme_uptime_seconds \(String(format: "%.0f", Date().timeIntervalSince(started)))\n"
        return out
    }

    private static func render(_ name: String, _ help: String, _ histogram: Histogram) -> String {
        var out = "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
        for (index, bound) in buckets.enumerated() {
            out += "\(name)_bucket{le=\"\(bound)\"} \(histogram.counts[index])\n"
        }
        out += "\(name)_bucket{le=\"+Inf\"} \(histogram.count)\n"
        out += "\(name)_sum \(String(format: "%.6f", histogram.sum))\n\(name)_count \(histogram.count)\n"
        return out
    }

    private static func label(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
