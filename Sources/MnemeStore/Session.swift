public import Foundation

/// One conversation of a user with the assistant.
public struct Session: Hashable, Sendable, Codable {
    /// Row id.
    public let id: Int64
    /// The application's or an import's id for the session, unique for the user, if any.
    public let externalID: String?
    /// A title to show.
    public var title: String?
    /// The persona the conversation runs with, if any.
    public var persona: String?
    /// When the session started.
    public let createdAt: Date
}

/// A session with its message count and the time of its last message, for listings.
public struct SessionSummary: Hashable, Sendable, Codable {
    /// The session.
    public let session: Session
    /// How many messages it holds.
    public let messageCount: Int
    /// When its newest message was written, if it has any.
    public let lastMessageAt: Date?
}
