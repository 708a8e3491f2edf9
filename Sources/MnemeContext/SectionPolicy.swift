/// How one optional section takes part in the budget.
///
/// Shares are fractions of the *flexible* budget: what is left of the available prompt budget after the
/// mandatory parts (system instruction, current user message, reply priming).
///
/// TOML (keys are snake_case; every key is optional and falls back to the section's default):
/// ```toml
/// [context.policy.documents]
/// priority = 30
/// min_share = 0.1
/// max_share = 0.45
/// min_score = 0.5
/// ```
public struct SectionPolicy: Sendable, Hashable, Codable {
    /// Higher is served first (minimums, then maximums) and dropped last.
    public var priority: Int
    /// The share the section may claim before lower-priority sections get anything (if it has items).
    public var minShare: Double
    /// The share the section never exceeds (unless ``BudgetPolicy/overflowBeyondMax`` is set).
    public var maxShare: Double
    /// Candidates scored below this are dropped as `below_score` (sections with scores only).
    public var minScore: Double?
    /// A single item larger than `maxItemShare × maxShare × flexible budget` (with `overflow_beyond_max`:
    /// `maxItemShare × flexible budget`) is trimmed at sentence boundaries to that size, with a marker, instead
    /// of being dropped.
    public var maxItemShare: Double
    /// At most this many candidates are taken (history: messages), if set.
    public var maxItems: Int?

    /// Creates a section policy.
    public init(
        priority: Int, minShare: Double, maxShare: Double, minScore: Double? = nil, maxItemShare: Double = 0.5,
        maxItems: Int? = nil
    ) {
        self.priority = priority
        self.minShare = minShare
        self.maxShare = maxShare
        self.minScore = minScore
        self.maxItemShare = maxItemShare
        self.maxItems = maxItems
    }

    enum CodingKeys: String, CodingKey {
        case priority
        case minShare = "min_share"
        case maxShare = "max_share"
        case minScore = "min_score"
        case maxItemShare = "max_item_share"
        case maxItems = "max_items"
    }

    /// Decodes a section policy; missing keys keep the values of `defaults`.
    init(from decoder: any Decoder, defaults: SectionPolicy) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority) ?? defaults.priority
        minShare = try container.decodeIfPresent(Double.self, forKey: .minShare) ?? defaults.minShare
        maxShare = try container.decodeIfPresent(Double.self, forKey: .maxShare) ?? defaults.maxShare
        minScore = try container.decodeIfPresent(Double.self, forKey: .minScore) ?? defaults.minScore
        maxItemShare = try container.decodeIfPresent(Double.self, forKey: .maxItemShare) ?? defaults.maxItemShare
        maxItems = try container.decodeIfPresent(Int.self, forKey: .maxItems) ?? defaults.maxItems
    }

    /// Decodes a section policy; missing keys fall back to zero shares and priority 0.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, defaults: SectionPolicy(priority: 0, minShare: 0, maxShare: 0))
    }
}
