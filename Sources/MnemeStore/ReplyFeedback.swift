public import Foundation

/// A user's rating of one assistant reply, with an optional note.
///
/// Feedback selects fine-tuning data: an export can keep only replies rated ``Rating/up``, and
/// never trains on replies rated ``Rating/down``.
///
/// ```swift
/// try await store.setFeedback(.up, note: "clear and correct", message: reply.id, for: alice.scope)
/// ```
public struct ReplyFeedback: Hashable, Sendable, Codable {
    /// Whether the reply was good.
    public enum Rating: String, Hashable, Sendable, Codable, CaseIterable {
        /// A good reply (👍, `/good`).
        case up
        /// A bad reply (👎, `/bad`).
        case down
    }

    /// The rated reply (an assistant message of the user).
    public let messageID: Int64
    /// The rating.
    public let rating: Rating
    /// What the user said about the reply, if anything.
    public let note: String?
    /// When the rating was given (or last changed).
    public let createdAt: Date

    /// Creates a rating value.
    public init(messageID: Int64, rating: Rating, note: String?, createdAt: Date) {
        self.messageID = messageID
        self.rating = rating
        self.note = note
        self.createdAt = createdAt
    }
}

/// A stored message with the rating its user gave it, if any (assistant messages only).
public struct RatedMessage: Hashable, Sendable {
    /// The message.
    public let message: Message
    /// Its rating, or `nil` when it was not rated.
    public let rating: ReplyFeedback.Rating?

    /// Creates a rated message.
    public init(message: Message, rating: ReplyFeedback.Rating?) {
        self.message = message
        self.rating = rating
    }
}
