/// One message of an OpenAI chat completions request (`{"role": …, "content": …}`).
public struct OpenAIChatMessage: Sendable, Hashable, Codable {
    /// `system`, `user` or `assistant`.
    public var role: String
    /// The text.
    public var content: String

    /// Creates a message.
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

extension Prompt {
    /// OpenAI chat messages: the system text as the first message (if any), then the messages as they are
    /// (OpenAI accepts consecutive same-role messages).
    ///
    /// ```swift
    /// let body = try JSONEncoder().encode(["model": ..., "messages": prompt.openAIMessages()])
    /// ```
    public func openAIMessages() -> [OpenAIChatMessage] {
        var result: [OpenAIChatMessage] = []
        if !system.isEmpty { result.append(OpenAIChatMessage(role: "system", content: system)) }
        result += messages.map { OpenAIChatMessage(role: $0.role.rawValue, content: $0.text) }
        return result
    }
}
