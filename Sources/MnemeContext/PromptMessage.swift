/// One message of a ``Prompt``.
public struct PromptMessage: Sendable, Hashable, Codable {
    /// The author.
    public var role: ChatRole
    /// The text.
    public var text: String

    /// Creates a message.
    public init(role: ChatRole, text: String) {
        self.role = role
        self.text = text
    }
}
