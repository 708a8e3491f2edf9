import Mneme
import MnemeContext

/// Splits an OpenAI message list into the turn's user message and a ``CallerContext``.
///
/// The rule (docs/user-guide.md, "Serving"):
/// 1. The last message must be a `user` message with text: it is the turn's message, stored
///    and answered.
/// 2. Every `system` and `developer` message, wherever it is, joins (in order, separated by a
///    blank line) the caller's system instruction, which replaces the persona's instruction for
///    this turn (`MNEME_SERVER_SYSTEM_MESSAGE=append`: follows it).
/// 3. The `user` and `assistant` messages before the last one are the caller's history: they
///    take the place of the session's stored history in the prompt, and are not stored again.
/// 4. `tool` and `function` messages, and assistant messages with tool calls, are refused (400).
struct MessageMerge: Sendable {
    /// The turn's message.
    let message: String
    /// The caller's system text and history.
    let caller: CallerContext

    init(_ request: ChatCompletionRequest, appendSystem: Bool) throws {
        guard let last = request.messages.last else {
            throw APIError.badRequest("'messages' is empty; send at least one user message.", code: "invalid_messages")
        }
        guard last.role == "user", let text = last.content, !text.allSatisfy(\.isWhitespace) else {
            throw APIError.badRequest(
                "The last message must be a user message with text (it is the turn Mneme answers).",
                code: "invalid_messages")
        }
        var system: [String] = []
        var history: [CallerContext.Turn] = []
        for (index, message) in request.messages.dropLast().enumerated() {
            switch message.role {
            case "system", "developer":
                if let text = message.content, !text.isEmpty { system.append(text) }
            case "user", "assistant":
                if message.hasToolCalls {
                    throw APIError.badRequest(
                        "messages[\(index)] has tool calls; Mneme serves text conversations only.",
                        code: "unsupported_message")
                }
                if let text = message.content, !text.isEmpty {
                    history.append(.init(role: message.role == "user" ? .user : .assistant, text: text))
                }
            case "tool", "function":
                throw APIError.badRequest(
                    "messages[\(index)] has role '\(message.role)'; Mneme serves text conversations only.",
                    code: "unsupported_message")
            default:
                throw APIError.badRequest(
                    "messages[\(index)] has an unknown role '\(message.role)'.", code: "invalid_messages")
            }
        }
        if let n = request.n, n != 1 {
            throw APIError.badRequest(
                "Mneme returns one choice per turn; 'n' must be 1.", code: "unsupported_parameter")
        }
        if request.hasTools {
            throw APIError.badRequest(
                "Tools and functions are not supported by mneme serve.", code: "unsupported_parameter")
        }
        if let maxTokens = request.maxTokens, maxTokens < 1 {
            throw APIError.badRequest("'max_tokens' must be at least 1.", code: "invalid_parameter")
        }
        if let temperature = request.temperature, !(0...2).contains(temperature) {
            throw APIError.badRequest("'temperature' must be between 0 and 2.", code: "invalid_parameter")
        }
        message = text
        caller = CallerContext(
            system: system.joined(separator: "\n\n"), appendSystemToPersona: appendSystem, history: history,
            temperature: request.temperature, maxOutputTokens: request.maxTokens, stop: request.stop)
    }
}
