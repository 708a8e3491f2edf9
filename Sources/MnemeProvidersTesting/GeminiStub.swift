import Foundation
public import MnemeHTTPTesting

/// A loopback server speaking Gemini `generateContent` (§4/§5 of the wire-format notes) for the
/// Gemini API (`/v1beta/models/{m}:…` and `/v1/…`) and Vertex AI (`/v1/projects/…/models/{m}:…`,
/// tuned `…/endpoints/{id}:…`): full responses with `usageMetadata` and `modelVersion`; data-only SSE for
/// `:streamGenerateContent?alt=sse` without `[DONE]` (the stream ends when the connection closes); and
/// `{"error":{code,message,status,details}}` errors (`type` of a ``StubReply/error`` is the `status`;
/// `code` becomes a `RetryInfo.retryDelay` such as `"2s"`).
public final class GeminiStub: Sendable {
    /// The underlying server.
    public let server: TestHTTPServer

    /// Starts a stub; `reply` decides the answer to each generate request.
    public init(reply: @escaping @Sendable (RecordedRequest) -> StubReply) throws {
        server = try TestHTTPServer { request in
            GeminiStub.respond(to: request, reply: reply)
        }
    }

    /// `http://127.0.0.1:PORT` (the base URL without version).
    public var baseURL: String { server.baseURL }
    /// The requests received.
    public var requests: [RecordedRequest] { server.requests }

    /// Stops the server.
    public func shutdown() { server.shutdown() }

    static func respond(to request: RecordedRequest, reply: (RecordedRequest) -> StubReply) -> TestResponse {
        let path = request.path
        let streaming = path.hasSuffix(":streamGenerateContent")
        guard streaming || path.hasSuffix(":generateContent") else {
            return error(status: 404, statusName: "NOT_FOUND", message: "Method not found: \(path)", retryDelay: nil)
        }
        let modelPart = path.split(separator: "/").last.map { String($0.split(separator: ":").first ?? "") } ?? ""
        switch reply(request) {
        case .raw(let response):
            return response
        case .error(let status, let type, let message, let code, let headers):
            return error(status: status, statusName: type, message: message, retryDelay: code, headers: headers)
        case .answer(let answer):
            let reported = answer.model ?? modelPart
            let usage: [String: Any] = [
                "promptTokenCount": answer.promptTokens, "candidatesTokenCount": answer.completionTokens,
                "totalTokenCount": answer.promptTokens + answer.completionTokens,
                "cachedContentTokenCount": answer.cachedTokens,
            ]
            let finish = answer.finishReason ?? "STOP"
            guard streaming else {
                return StubJSON.json(
                    [
                        "candidates": [
                            [
                                "content": ["role": "model", "parts": [["text": answer.text]]], "finishReason": finish,
                                "index": 0,
                            ] as [String: Any]
                        ],
                        "usageMetadata": usage, "modelVersion": reported, "responseId": "stub",
                    ], status: 200)
            }
            var events: [String] = []
            let chunks = answer.streamChunks
            for (index, piece) in chunks.enumerated() {
                var candidate: [String: Any] = ["content": ["role": "model", "parts": [["text": piece]]], "index": 0]
                var object: [String: Any] = ["modelVersion": reported, "responseId": "stub"]
                if index == chunks.count - 1 {
                    candidate["finishReason"] = finish
                    object["usageMetadata"] = usage
                } else {
                    object["usageMetadata"] = [
                        "promptTokenCount": answer.promptTokens, "totalTokenCount": answer.promptTokens,
                    ]
                }
                object["candidates"] = [candidate]
                events.append("data: \(StubJSON.string(object))\r\n\r\n")
            }
            return StubJSON.sse(events, delay: answer.chunkDelay)
        case .streamError(let before, let type, let message, let status):
            var events: [String] = []
            for piece in before {
                let object: [String: Any] = [
                    "candidates": [["content": ["role": "model", "parts": [["text": piece]]], "index": 0]],
                    "modelVersion": modelPart,
                ]
                events.append("data: \(StubJSON.string(object))\r\n\r\n")
            }
            let error: [String: Any] = ["error": ["code": status, "message": message, "status": type]]
            events.append("data: \(StubJSON.string(error))\r\n\r\n")
            return StubJSON.sse(events, delay: .zero)
        }
    }

    static func error(
        status: Int, statusName: String, message: String, retryDelay: String?, headers: [(String, String)] = []
    )
        -> TestResponse
    {
        var body: [String: Any] = ["code": status, "message": message, "status": statusName]
        if let retryDelay {
            body["details"] = [["@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retryDelay]]
        }
        return StubJSON.json(["error": body], status: status, headers: headers)
    }
}
