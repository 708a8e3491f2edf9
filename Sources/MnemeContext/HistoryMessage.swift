#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A message of the recent conversation (the current session), as the store returns it.
///
/// ``ContextInput/history`` is chronological (oldest first) and must not contain the current user message
/// (if it does and ``ContextInput/userMessageId`` names it, it is dropped as a duplicate).
public struct HistoryMessage: Sendable, Hashable, Codable {
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
    /// The exact token count of ``text`` for the target model, if the store cached it (trusted: a wrong
    /// count can make the final count wrong).
    public var tokens: Int?

    /// Creates a history message.
    public init(
        id: String? = nil, messageId: String, externalId: String? = nil, sessionId: String? = nil,
        createdAt: Date? = nil, role: ChatRole, speaker: String? = nil, text: String, tokens: Int? = nil
    ) {
        self.id = id ?? "message:\(messageId)"
        self.messageId = messageId
        self.externalId = externalId
        self.sessionId = sessionId
        self.createdAt = createdAt
        self.role = role
        self.speaker = speaker
        self.text = text
        self.tokens = tokens
    }
}
