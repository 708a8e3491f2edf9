import Foundation
import Mneme
import MnemeProviders

/// One JSON line per turn event, for `mneme ask --json`.
enum EventJSON {
    static func line(_ event: TurnEvent) -> String {
        var object: [String: Any]
        switch event {
        case .accepted(let session, let message):
            object = ["event": "accepted", "session": session, "user_message_id": message]
        case .remembered(let facts):
            object = ["event": "remembered", "facts": facts.map { ["key": $0.key, "value": $0.value] }]
        case .routed(let decision):
            object = [
                "event": "routed", "provider": decision.target.provider, "model": decision.target.model,
                "route": decision.route ?? NSNull(), "reason": decision.reason,
            ]
        case .contextAssembled(let tokens, let exact, let trace):
            object = [
                "event": "context", "trace_id": trace.id ?? NSNull(), "prompt_tokens": tokens, "exact": exact,
                "included": trace.entries.filter(\.included).count,
                "dropped": trace.entries.filter { !$0.included }.count,
            ]
        case .delta(let text):
            object = ["event": "delta", "text": text]
        case .notice(let text):
            object = ["event": "notice", "text": text]
        case .usage(let usage):
            object = [
                "event": "usage", "prompt_tokens": usage.promptTokens, "completion_tokens": usage.completionTokens,
            ]
        case .finished(let record):
            object = [
                "event": "done", "turn": record.id, "session": record.sessionID, "status": record.status.rawValue,
                "reply_message_id": record.replyMessageID ?? NSNull(),
                "latency_ms": record.latencyMilliseconds ?? NSNull(), "model": record.model,
                "cost_usd": record.costUSD ?? NSNull(),
            ]
        }
        return encode(object)
    }

    static func failure(_ error: any Error) -> String {
        encode(["event": "failed", "error": String(describing: error)])
    }

    private static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
