#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A profile fact about the user (`name = Alice`, `likes.tea = tea`).
///
/// Facts are rendered into the system text under "## About the user (profile facts)", most relevant first
/// (by ``score`` when the store has one, then in the given order).
public struct FactCandidate: Sendable, Hashable, Codable {
    /// Stable identifier, `fact:<key>` by default.
    public var id: String
    /// The fact key (see ``FactExtractor`` for the scheme).
    public var key: String
    /// The value.
    public var value: String
    /// The message the fact was extracted from, if any.
    public var sourceMessageId: String?
    /// When the fact was last set.
    public var updatedAt: Date?
    /// Relevance to the current message, higher is better, if the store computes one.
    public var score: Double?
    /// The exact token count of ``value`` for the target model, if the store cached it (trusted: a wrong
    /// count can make the final count wrong).
    public var tokens: Int?

    /// Creates a fact candidate.
    public init(
        id: String? = nil, key: String, value: String, sourceMessageId: String? = nil, updatedAt: Date? = nil,
        score: Double? = nil, tokens: Int? = nil
    ) {
        self.id = id ?? "fact:\(key)"
        self.key = key
        self.value = value
        self.sourceMessageId = sourceMessageId
        self.updatedAt = updatedAt
        self.score = score
        self.tokens = tokens
    }
}
