import Foundation
public import MnemeHTTPTesting

/// A loopback server speaking the Anthropic Messages API (§3 of the wire-format notes): full message
/// objects, event-typed streams (`event:` line plus `type` in the data: `message_start`,
/// `content_block_start/delta/stop`, `ping`, `message_delta` with cumulative usage, `message_stop`),
/// `event: error` after HTTP 200, and `{"type":"error","error":{type,message},"request_id"}` errors
/// with a `request-id` header. Accepts `x-api-key` and Bearer auth alike.
public final class AnthropicStub: Sendable {
    /// The underlying server.
    public let server: TestHTTPServer

    /// Starts a stub; `reply` decides the answer to each `POST /v1/messages`.
    public init(reply: @escaping @Sendable (RecordedRequest) -> StubReply) throws {
        server = try TestHTTPServer { request in
            AnthropicStub.respond(to: request, reply: reply)
        }
    }

    /// `http://127.0.0.1:PORT` (the SDKs' base URL has no `/v1`).
    public var baseURL: String { server.baseURL }
    /// The requests received.
    public var requests: [RecordedRequest] { server.requests }

    /// Stops the server.
    public func shutdown() { server.shutdown() }

    static func event(_ name: String, _ data: [String: Any]) -> String {
        var data = data
        data["type"] = name
        return "event: \(name)\ndata: \(StubJSON.string(data))\n\n"
    }

    static func respond(to request: RecordedRequest, reply: (RecordedRequest) -> StubReply) -> TestResponse {
        if request.path.hasSuffix("/v1/messages/count_tokens") {
            return StubJSON.json(["input_tokens": 11], status: 200)
        }
        guard request.path.hasSuffix("/v1/messages") else {
            return error(status: 404, type: "not_found_error", message: "Not found: \(request.path)")
        }
        let body = StubJSON.object(request.body)
        let model = body["model"] as? String ?? "unknown"
        let streaming = body["stream"] as? Bool ?? false
        switch reply(request) {
        case .raw(let response):
            return response
        case .error(let status, let type, let message, _, let headers):
            return error(status: status, type: type, message: message, headers: headers)
        case .answer(let answer):
            let reported = answer.model ?? model
            let stop = answer.finishReason ?? "end_turn"
            guard streaming else {
                return StubJSON.json(
                    [
                        "id": "msg_stub", "type": "message", "role": "assistant", "model": reported,
                        "content": [["type": "text", "text": answer.text]], "stop_reason": stop,
                        "stop_sequence": NSNull(),
                        "usage": [
                            "input_tokens": answer.promptTokens - answer.cachedTokens,
                            "output_tokens": answer.completionTokens,
                            "cache_creation_input_tokens": 0, "cache_read_input_tokens": answer.cachedTokens,
                        ],
                    ], status: 200, headers: [("request-id", "req_stub")])
            }
            var events = [
                event(
                    "message_start",
                    [
                        "message": [
                            "id": "msg_stub", "type": "message", "role": "assistant", "model": reported,
                            "content": [Any](),
                            "stop_reason": NSNull(), "stop_sequence": NSNull(),
                            "usage": [
                                "input_tokens": answer.promptTokens - answer.cachedTokens, "output_tokens": 1,
                                "cache_creation_input_tokens": 0, "cache_read_input_tokens": answer.cachedTokens,
                            ],
                        ] as [String: Any]
                    ]),
                event("content_block_start", ["index": 0, "content_block": ["type": "text", "text": ""]]),
                event("ping", [:]),
            ]
            for piece in answer.streamChunks {
                events.append(
                    event("content_block_delta", ["index": 0, "delta": ["type": "text_delta", "text": piece]]))
            }
            events.append(event("content_block_stop", ["index": 0]))
            events.append(
                event(
                    "message_delta",
                    [
                        "delta": ["stop_reason": stop, "stop_sequence": NSNull()],
                        "usage": ["output_tokens": answer.completionTokens],
                    ]))
            events.append(event("message_stop", [:]))
            return StubJSON.sse(events, delay: answer.chunkDelay, headers: [("request-id", "req_stub")])
        case .streamError(let before, let type, let message, _):
            var events = [
                event(
                    "message_start",
                    [
                        "message": [
                            "id": "msg_stub", "type": "message", "role": "assistant", "model": model,
                            "content": [Any](),
                            "stop_reason": NSNull(), "usage": ["input_tokens": 5, "output_tokens": 1],
                        ] as [String: Any]
                    ]),
                event("content_block_start", ["index": 0, "content_block": ["type": "text", "text": ""]]),
            ]
            for piece in before {
                events.append(
                    event("content_block_delta", ["index": 0, "delta": ["type": "text_delta", "text": piece]]))
            }
            events.append(event("error", ["error": ["type": type, "message": message]]))
            return StubJSON.sse(events, delay: .zero)
        }
    }

    static func error(status: Int, type: String, message: String, headers: [(String, String)] = []) -> TestResponse {
        StubJSON.json(
            ["type": "error", "error": ["type": type, "message": message], "request_id": "req_stub"], status: status,
            headers: [("request-id", "req_stub")] + headers)
    }
}
