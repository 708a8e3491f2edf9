#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// An older message of the same user from an earlier session, recalled by relevance (FTS5).
///
/// A recall candidate whose ``messageId`` or text is also in ``ContextInput/history`` is dropped as a duplicate.
/// Candidates sharing a ``turnId`` form one unit (a question and its answer): the builder takes them together.
public struct RecallCandidate: Sendable, Hashable, Codable {
    /// Stable identifier, `message:<messageId>` by default.
    public var id: String
    /// The message's id in the store.
    public var messageId: String
    /// The application's own id for the message, if it sent one.
    public var externalId: String?
    /// The session the message belongs to.
    public var sessionId: String?
    /// When the message was written.
    public var createdAt: Date?
    /// Who wrote it.
    public var role: ChatRole
    /// Display name of the speaker, if known.
    public var speaker: String?
    /// The message text.
    public var text: String
    /// Relevance to the current message, higher is better.
    public var score: Double
    /// The turn the message belongs to: candidates with the same turn id are taken or dropped together and
    /// rendered together, in the order they were written (a question with its answer). `nil`: on its own.
    public var turnId: String?
    /// The exact token count of ``text`` for the target model, if the store cached it (trusted: a wrong
    /// count can make the final count wrong).
    public var tokens: Int?
    /// False when this message may not be recalled (e.g. its session was excluded): dropped as not visible.
    public var isVisible: Bool

    /// Creates a recall candidate.
    public init(
        id: String? = nil, messageId: String, externalId: String? = nil, sessionId: String? = nil,
        createdAt: Date? = nil, role: ChatRole, speaker: String? = nil, text: String, score: Double,
        turnId: String? = nil, tokens: Int? = nil, isVisible: Bool = true
    ) {
        self.id = id ?? "message:\(messageId)"
        self.messageId = messageId
        self.externalId = externalId
        self.sessionId = sessionId
        self.createdAt = createdAt
        self.role = role
        self.speaker = speaker
        self.text = text
        self.score = score
        self.turnId = turnId
        self.tokens = tokens
        self.isVisible = isVisible
    }
}
