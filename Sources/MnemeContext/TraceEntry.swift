/// One candidate's fate. Every candidate of the input appears exactly once in ``ContextTrace/entries``.
public struct TraceEntry: Sendable, Hashable, Codable {
    /// The candidate's stable id (`message:123`, `chunk:45`, `fact:name`, `example:7`, `persona:<id>`, …).
    public var id: String
    /// Its section.
    public var section: ContextSection
    /// True when it is in the prompt.
    public var included: Bool
    /// Why.
    public var reason: TraceReason
    /// Its cost in the prompt as planned (including its label and per-message overhead); for dropped
    /// candidates, what it would have cost (after trimming, if it was trimmed).
    public var tokens: Int
    /// Its cost before trimming, when it was trimmed.
    public var originalTokens: Int?
    /// True when its text was cut (marker appended).
    public var trimmed: Bool
    /// Its score, if it has one.
    public var score: Double?
    /// For examples: pinned.
    public var pinned: Bool?
    /// For duplicates: the id of the candidate it duplicates.
    public var duplicateOf: String?
    /// A human-readable detail ("needs 812 tokens, 140 left in section").
    public var detail: String?
    /// Where it came from.
    public var source: TraceSource?

    /// Creates an entry.
    public init(
        id: String, section: ContextSection, included: Bool, reason: TraceReason, tokens: Int,
        originalTokens: Int? = nil, trimmed: Bool = false, score: Double? = nil, pinned: Bool? = nil,
        duplicateOf: String? = nil, detail: String? = nil, source: TraceSource? = nil
    ) {
        self.id = id
        self.section = section
        self.included = included
        self.reason = reason
        self.tokens = tokens
        self.originalTokens = originalTokens
        self.trimmed = trimmed
        self.score = score
        self.pinned = pinned
        self.duplicateOf = duplicateOf
        self.detail = detail
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id
        case section
        case included
        case reason
        case tokens
        case originalTokens = "original_tokens"
        case trimmed
        case score
        case pinned
        case duplicateOf = "duplicate_of"
        case detail
        case source
    }
}
