import Foundation
public import MnemeHTTPTesting

/// A loopback server speaking OpenAI Chat Completions (§1 of the wire-format notes): full response
/// shapes, `chat.completion.chunk` streams with `index` in every choice, a usage chunk with
/// `choices: []` when `stream_options.include_usage` is set, `data: [DONE]`, and the
/// `{"error":{message,type,param,code}}` error shape. Also answers `GET /v1/models`.
///
/// ```swift
/// let stub = try OpenAIStub { _ in .text("Hello there") }
/// let client = OpenAIClient(configuration: .openAI(apiKey: Secret("x"), baseURL: stub.baseURL), http: http)
/// ```
public final class OpenAIStub: Sendable {
    /// The underlying server (requests, disconnects).
    public let server: TestHTTPServer

    /// Starts a stub; `reply` decides the answer to each chat request.
    public init(reply: @escaping @Sendable (RecordedRequest) -> StubReply) throws {
        server = try TestHTTPServer { request in
            OpenAIStub.respond(to: request, reply: reply)
        }
    }

    /// `http://127.0.0.1:PORT/v1`.
    public var baseURL: String { server.baseURL + "/v1" }
    /// The requests received.
    public var requests: [RecordedRequest] { server.requests }

    /// Stops the server.
    public func shutdown() { server.shutdown() }

    static func respond(to request: RecordedRequest, reply: (RecordedRequest) -> StubReply) -> TestResponse {
        if request.method == "GET", request.path.hasSuffix("/models") {
            return StubJSON.json(
                ["object": "list", "data": [["id": "stub-model", "object": "model", "owned_by": "stub"]]], status: 200)
        }
        guard request.path.hasSuffix("/chat/completions") else {
            return error(
                status: 404, type: "invalid_request_error", message: "Unknown path \(request.path)", code: "unknown_url"
            )
        }
        let body = StubJSON.object(request.body)
        let model = body["model"] as? String ?? "unknown"
        let streaming = body["stream"] as? Bool ?? false
        let includeUsage = (body["stream_options"] as? [String: Any])?["include_usage"] as? Bool ?? false
        switch reply(request) {
        case .raw(let response):
            return response
        case .error(let status, let type, let message, let code, let headers):
            return error(status: status, type: type, message: message, code: code, headers: headers)
        case .answer(let answer):
            let reportedModel = answer.model ?? model
            let usage: [String: Any] = [
                "prompt_tokens": answer.promptTokens, "completion_tokens": answer.completionTokens,
                "total_tokens": answer.promptTokens + answer.completionTokens,
                "prompt_tokens_details": ["cached_tokens": answer.cachedTokens],
            ]
            guard streaming else {
                return StubJSON.json(
                    [
                        "id": "chatcmpl-stub", "object": "chat.completion", "created": 1_700_000_000,
                        "model": reportedModel,
                        "choices": [
                            [
                                "index": 0,
                                "message": ["role": "assistant", "content": answer.text, "refusal": NSNull()],
                                "logprobs": NSNull(), "finish_reason": answer.finishReason ?? "stop",
                            ] as [String: Any]
                        ],
                        "usage": usage,
                    ], status: 200)
            }
            var events: [String] = []
            func chunk(_ choices: [[String: Any]], usage: Any = NSNull()) -> String {
                var object: [String: Any] = [
                    "id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 1_700_000_000,
                    "model": reportedModel, "choices": choices,
                ]
                if includeUsage { object["usage"] = usage }
                return "data: \(StubJSON.string(object))\n\n"
            }
            events.append(
                chunk([["index": 0, "delta": ["role": "assistant", "content": ""], "finish_reason": NSNull()]]))
            for piece in answer.streamChunks {
                events.append(chunk([["index": 0, "delta": ["content": piece], "finish_reason": NSNull()]]))
            }
            events.append(
                chunk([["index": 0, "delta": [String: Any](), "finish_reason": answer.finishReason ?? "stop"]]))
            if includeUsage { events.append(chunk([], usage: usage)) }
            events.append("data: [DONE]\n\n")
            return StubJSON.sse(events, delay: answer.chunkDelay)
        case .streamError(let before, let type, let message, _):
            var events: [String] = []
            for piece in before {
                let object: [String: Any] = [
                    "id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 1_700_000_000, "model": model,
                    "choices": [["index": 0, "delta": ["content": piece], "finish_reason": NSNull()]],
                ]
                events.append("data: \(StubJSON.string(object))\n\n")
            }
            let error: [String: Any] = [
                "error": ["message": message, "type": type, "param": NSNull(), "code": NSNull()]
            ]
            events.append("data: \(StubJSON.string(error))\n\n")
            return StubJSON.sse(events, delay: .zero)
        }
    }

    static func error(status: Int, type: String, message: String, code: String?, headers: [(String, String)] = [])
        -> TestResponse
    {
        let body: [String: Any] = [
            "error": ["message": message, "type": type, "param": NSNull(), "code": code.map { $0 as Any } ?? NSNull()]
        ]
        return StubJSON.json(body, status: status, headers: [("x-request-id", "req_stub")] + headers)
    }
}
