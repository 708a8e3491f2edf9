import Foundation
public import MnemeHTTPTesting
import Synchronization

/// What a provider stub answers to one request, rendered in that provider's wire format.
public enum StubReply: Sendable {
    /// A successful answer; streamed as `chunks` (default: word by word) when the request asks for a stream.
    case answer(StubAnswer)
    /// An HTTP error with the provider's error body (`type` is OpenAI/Anthropic `type` or Gemini `status`).
    case error(status: Int, type: String, message: String, code: String? = nil, headers: [(String, String)] = [])
    /// Streams `beforeError` text chunks, then the provider's in-stream error event (after HTTP 200).
    case streamError(beforeError: [String], type: String, message: String, status: Int = 500)
    /// A verbatim response (drops, stalls, malformed bodies).
    case raw(TestResponse)

    /// An answer with default usage and finish reason.
    public static func text(_ text: String) -> StubReply { .answer(StubAnswer(text: text)) }
}

/// A successful answer of a stub.
public struct StubAnswer: Sendable {
    /// The full text.
    public var text: String
    /// Stream chunks; `nil` splits ``text`` into words (each with its leading space).
    public var chunks: [String]?
    /// The provider's raw finish reason; `nil` for the provider's normal stop (`stop`, `end_turn`, `STOP`).
    public var finishReason: String?
    /// Reported input tokens.
    public var promptTokens: Int
    /// Reported output tokens.
    public var completionTokens: Int
    /// Reported cached input tokens.
    public var cachedTokens: Int
    /// The model reported; `nil` echoes the request's.
    public var model: String?
    /// A pause before each streamed chunk.
    public var chunkDelay: Duration

    /// Creates an answer.
    public init(
        text: String, chunks: [String]? = nil, finishReason: String? = nil, promptTokens: Int = 11,
        completionTokens: Int = 7, cachedTokens: Int = 0, model: String? = nil, chunkDelay: Duration = .zero
    ) {
        self.text = text
        self.chunks = chunks
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
        self.model = model
        self.chunkDelay = chunkDelay
    }

    /// ``chunks`` or the words of ``text``.
    public var streamChunks: [String] {
        if let chunks { return chunks }
        var result: [String] = []
        var current = ""
        for character in text {
            if character == " ", !current.isEmpty, current != " " {
                result.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

/// Replies handed out in order, then `then` for every later request (a scripted server).
///
/// ```swift
/// let script = ReplyScript([.error(status: 429, type: "rate_limit_error", message: "slow down")], then: .text("ok"))
/// let stub = try OpenAIStub { _ in script.next() }
/// ```
public final class ReplyScript: Sendable {
    private let state: Mutex<[StubReply]>
    private let fallback: StubReply

    /// Creates a script.
    public init(_ replies: [StubReply], then fallback: StubReply) {
        state = Mutex(replies)
        self.fallback = fallback
    }

    /// The next reply.
    public func next() -> StubReply {
        state.withLock { $0.isEmpty ? fallback : $0.removeFirst() }
    }
}

/// JSON helpers for the stubs.
enum StubJSON {
    static func object(_ body: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    static func string(_ value: Any) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func steps(_ events: [String], delay: Duration) -> [TestResponse.Step] {
        var steps: [TestResponse.Step] = []
        for event in events {
            if delay > .zero { steps.append(.delay(delay)) }
            steps.append(.text(event))
        }
        return steps
    }

    static func sse(_ events: [String], delay: Duration, headers: [(String, String)] = []) -> TestResponse {
        TestResponse(
            status: 200, headers: [("Content-Type", "text/event-stream")] + headers.map { (name: $0.0, value: $0.1) },
            body: .steps(steps(events, delay: delay), framing: .chunked))
    }

    static func json(_ value: Any, status: Int, headers: [(String, String)] = []) -> TestResponse {
        TestResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers.map { (name: $0.0, value: $0.1) },
            body: .bytes(Array(string(value).utf8)))
    }
}
