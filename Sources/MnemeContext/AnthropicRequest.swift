/// The prompt part of an Anthropic Messages request: `{"system": …, "messages": [{"role", "content"}]}`.
///
/// `messages` strictly alternate `user`/`assistant` and start with `user` (see ``Prompt/anthropicRequest()``).
public struct AnthropicRequest: Sendable, Hashable, Codable {
    /// One Anthropic message with plain-text content.
    public struct Message: Sendable, Hashable, Codable {
        /// `user` or `assistant`.
        public var role: String
        /// The text.
        public var content: String

        /// Creates a message.
        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    /// The system text (omitted from JSON when `nil`).
    public var system: String?
    /// Strictly alternating messages, starting with `user`.
    public var messages: [Message]

    /// Creates a request body part.
    public init(system: String?, messages: [Message]) {
        self.system = system
        self.messages = messages
    }
}

extension Prompt {
    /// The text put in place of an empty message or a missing first user turn.
    static let placeholderUserTurn = "(continuing the conversation)"

    /// Messages normalized for providers that require alternation: empty messages removed, consecutive
    /// same-role messages merged (joined with a blank line), and a placeholder user turn put before a leading
    /// assistant message.
    public func alternatingMessages() -> [PromptMessage] {
        var result: [PromptMessage] = []
        for message in messages where !message.text.trimmingWhitespace().isEmpty {
            if let last = result.last, last.role == message.role {
                result[result.count - 1].text = last.text + "\n\n" + message.text
            } else {
                result.append(message)
            }
        }
        if result.first?.role == .assistant {
            result.insert(PromptMessage(role: .user, text: Self.placeholderUserTurn), at: 0)
        }
        if result.isEmpty { result.append(PromptMessage(role: .user, text: Self.placeholderUserTurn)) }
        return result
    }

    /// The Anthropic shape: top-level `system` and strictly alternating messages starting with `user`.
    public func anthropicRequest() -> AnthropicRequest {
        AnthropicRequest(
            system: system.isEmpty ? nil : system,
            messages: alternatingMessages().map { AnthropicRequest.Message(role: $0.role.rawValue, content: $0.text) })
    }
}
