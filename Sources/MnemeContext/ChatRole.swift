/// The author of a conversation message.
public enum ChatRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// The end user.
    case user
    /// The model (the bot's earlier answers).
    case assistant
}
