/// One section's share and usage.
public struct SectionUsage: Sendable, Hashable, Codable {
    /// The section.
    public var section: ContextSection
    /// Its priority (`nil` for the mandatory sections).
    public var priority: Int?
    /// Its minimum share in tokens (`nil` for mandatory sections).
    public var minTokens: Int?
    /// Its maximum share in tokens (`nil` for mandatory sections).
    public var maxTokens: Int?
    /// Planned tokens of its included candidates, with its heading.
    public var usedTokens: Int
    /// Included candidates.
    public var included: Int
    /// Dropped candidates.
    public var dropped: Int

    /// Creates a usage line.
    public init(
        section: ContextSection, priority: Int?, minTokens: Int?, maxTokens: Int?, usedTokens: Int, included: Int,
        dropped: Int
    ) {
        self.section = section
        self.priority = priority
        self.minTokens = minTokens
        self.maxTokens = maxTokens
        self.usedTokens = usedTokens
        self.included = included
        self.dropped = dropped
    }

    enum CodingKeys: String, CodingKey {
        case section
        case priority
        case minTokens = "min_tokens"
        case maxTokens = "max_tokens"
        case usedTokens = "used_tokens"
        case included
        case dropped
    }
}
