/// A provider-neutral chat request: what the context builder assembled for one turn.
///
/// ```swift
/// let request = ChatRequest(
///     model: "gpt-4o-mini",
///     system: "You are a helpful assistant.",
///     messages: [ChatTurn(role: .user, text: "What is our refund policy?")],
///     maxOutputTokens: 256)
/// ```
public struct ChatRequest: Sendable, Hashable {
    /// The provider's model id (for example `gpt-4o-mini` or `ft:gpt-4o-mini-2024-07-18:acme::abc123`).
    public var model: String
    /// The system instruction; empty for none.
    public var system: String
    /// The conversation, oldest first; normally ends with a user turn.
    public var messages: [ChatTurn]
    /// Upper bound on generated tokens; `nil` for the provider's default (Anthropic requires one, see
    /// ``AnthropicClient/Configuration/defaultMaxTokens``).
    public var maxOutputTokens: Int?
    /// Sampling temperature; `nil` for the provider's default.
    public var temperature: Double?
    /// Stop sequences (OpenAI accepts at most 4, Gemini 5).
    public var stop: [String]
    /// An opaque end-user id for the provider's abuse monitoring (never a name or e-mail address).
    public var user: String?
    /// Structured context for the ``OfflineProvider``; network providers ignore it (the same content is
    /// already rendered into ``system`` and ``messages``).
    public var grounding: Grounding?

    /// Creates a request.
    public init(
        model: String,
        system: String = "",
        messages: [ChatTurn],
        maxOutputTokens: Int? = nil,
        temperature: Double? = nil,
        stop: [String] = [],
        user: String? = nil,
        grounding: Grounding? = nil
    ) {
        self.model = model
        self.system = system
        self.messages = messages
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
        self.stop = stop
        self.user = user
        self.grounding = grounding
    }

    /// The text of the last user turn, or `""`.
    public var lastUserText: String {
        messages.last { $0.role == .user }?.text ?? ""
    }
}

/// One message of a conversation.
public struct ChatTurn: Sendable, Hashable, Codable {
    /// Who wrote a turn.
    public enum Role: String, Sendable, Hashable, Codable {
        /// The end user.
        case user
        /// The model.
        case assistant
    }

    /// Who wrote it.
    public var role: Role
    /// The text.
    public var text: String

    /// Creates a turn.
    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }
}
