public import Foundation

/// One thing known about a user, such as their name or a preference.
///
/// A newer fact on the same ``key`` replaces the older one: the older row is kept (marked
/// superseded) until the fact is unset or the user is forgotten, so the profile has a history.
public struct ProfileFact: Hashable, Sendable, Codable {
    /// Where a fact came from.
    public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
        /// The user said it explicitly (for example through `/remember` or `profile set`).
        case userStated = "user-stated"
        /// Mneme extracted it from a message.
        case extracted
        /// It was imported from another system.
        case imported
    }

    /// Row id.
    public let id: Int64
    /// The fact's key, such as `name` or `preference.language`.
    public let key: String
    /// The fact's value.
    public let value: String
    /// Where it came from.
    public let source: Source
    /// The message it was taken from, if any.
    public let messageID: Int64?
    /// How sure Mneme is, from 0 to 1.
    public let confidence: Double
    /// When the fact was first recorded.
    public let createdAt: Date
    /// When the fact was last changed.
    public let updatedAt: Date
    /// When a newer value replaced this one; `nil` for the current value.
    public let supersededAt: Date?
}

/// A fact to record with ``Store/setFact(_:for:)``.
public struct NewFact: Hashable, Sendable {
    /// The fact's key; 1 to 200 characters.
    public var key: String
    /// The fact's value; not empty.
    public var value: String
    /// Where it came from.
    public var source: ProfileFact.Source
    /// The message it was taken from, if any (must belong to the same user).
    public var messageID: Int64?
    /// How sure Mneme is, from 0 to 1.
    public var confidence: Double

    /// Creates a fact to record.
    public init(
        key: String,
        value: String,
        source: ProfileFact.Source = .userStated,
        messageID: Int64? = nil,
        confidence: Double = 1
    ) {
        self.key = key
        self.value = value
        self.source = source
        self.messageID = messageID
        self.confidence = confidence
    }
}
