/// How the flexible budget is shared between the optional sections; configurable per persona or route.
///
/// The defaults (priority, min–max share of the flexible budget):
/// history 50, 0.25–0.6 · facts 40, 0.02–0.1 · documents 30, 0.1–0.45 · recall 20, 0.05–0.15 · examples 10,
/// 0.05–0.1. A minimum is only claimed when the section has candidates; unused budget flows on.
///
/// Allocation: (1) sections by descending priority take items up to their minimum share, (2) then up to their
/// maximum share from what is left, (3) with ``overflowBeyondMax`` any leftover flows, again by priority, to
/// sections that still have candidates. `Codable` with snake_case keys; missing keys keep the defaults:
/// ```toml
/// [context.policy]
/// example_placement = "messages"
/// [context.policy.history]
/// max_share = 0.7
/// ```
public struct BudgetPolicy: Sendable, Hashable, Codable {
    /// Profile facts.
    public var facts: SectionPolicy
    /// Few-shot examples.
    public var examples: SectionPolicy
    /// Document chunks.
    public var documents: SectionPolicy
    /// Recalled messages.
    public var recall: SectionPolicy
    /// Recent history (whole turns, newest first).
    public var history: SectionPolicy
    /// Where few-shot examples go.
    public var examplePlacement: ExamplePlacement
    /// Let leftover budget exceed the sections' maximum shares (default false: maximums are hard).
    public var overflowBeyondMax: Bool
    /// Appended where text was cut.
    public var trimMarker: String

    /// Where few-shot examples are rendered.
    public enum ExamplePlacement: String, Sendable, Hashable, Codable {
        /// As prior user/assistant message pairs before the history (strongest imitation; the default).
        case messages
        /// In the system text under "## Examples".
        case system
    }

    /// Creates a policy.
    public init(
        facts: SectionPolicy = Self.default.facts, examples: SectionPolicy = Self.default.examples,
        documents: SectionPolicy = Self.default.documents, recall: SectionPolicy = Self.default.recall,
        history: SectionPolicy = Self.default.history, examplePlacement: ExamplePlacement = .messages,
        overflowBeyondMax: Bool = false, trimMarker: String = Self.defaultTrimMarker
    ) {
        self.facts = facts
        self.examples = examples
        self.documents = documents
        self.recall = recall
        self.history = history
        self.examplePlacement = examplePlacement
        self.overflowBeyondMax = overflowBeyondMax
        self.trimMarker = trimMarker
    }

    /// The marker appended to trimmed text.
    public static let defaultTrimMarker = "[… trimmed to fit the context budget]"

    /// The default policy.
    public static let `default` = BudgetPolicy(
        defaultFacts: SectionPolicy(priority: 40, minShare: 0.02, maxShare: 0.1),
        examples: SectionPolicy(priority: 10, minShare: 0.05, maxShare: 0.1),
        documents: SectionPolicy(priority: 30, minShare: 0.1, maxShare: 0.45, maxItemShare: 0.4),
        recall: SectionPolicy(priority: 20, minShare: 0.05, maxShare: 0.15),
        history: SectionPolicy(priority: 50, minShare: 0.25, maxShare: 0.6, maxItemShare: 0.6))

    private init(
        defaultFacts: SectionPolicy, examples: SectionPolicy, documents: SectionPolicy, recall: SectionPolicy,
        history: SectionPolicy
    ) {
        self.facts = defaultFacts
        self.examples = examples
        self.documents = documents
        self.recall = recall
        self.history = history
        self.examplePlacement = .messages
        self.overflowBeyondMax = false
        self.trimMarker = Self.defaultTrimMarker
    }

    /// The policy of an optional section (`.system` and `.userMessage` have none).
    public subscript(section: ContextSection) -> SectionPolicy? {
        switch section {
        case .facts: facts
        case .examples: examples
        case .documents: documents
        case .recall: recall
        case .history: history
        case .system, .userMessage: nil
        }
    }

    /// Checks shares and limits.
    /// - Throws: ``ContextError/Code-swift.struct/invalidPolicy`` naming the offending key.
    public func validate() throws(ContextError) {
        var minTotal = 0.0
        for section in ContextSection.optional {
            guard let policy = self[section] else { continue }
            let name = section.rawValue
            guard (0...1).contains(policy.minShare), (0...1).contains(policy.maxShare) else {
                throw ContextError(code: .invalidPolicy, message: "\(name): min_share and max_share must be within 0…1")
            }
            guard policy.minShare <= policy.maxShare else {
                throw ContextError(code: .invalidPolicy, message: "\(name): min_share must not exceed max_share")
            }
            guard policy.maxItemShare > 0, policy.maxItemShare <= 1 else {
                throw ContextError(code: .invalidPolicy, message: "\(name): max_item_share must be within (0, 1]")
            }
            if let maxItems = policy.maxItems, maxItems < 0 {
                throw ContextError(code: .invalidPolicy, message: "\(name): max_items must not be negative")
            }
            minTotal += policy.minShare
        }
        guard minTotal <= 1.000_001 else {
            throw ContextError(code: .invalidPolicy, message: "the min_share values add up to more than 1")
        }
    }

    enum CodingKeys: String, CodingKey {
        case facts, examples, documents, recall, history
        case examplePlacement = "example_placement"
        case overflowBeyondMax = "overflow_beyond_max"
        case trimMarker = "trim_marker"
    }

    /// Decodes a policy; missing keys (also inside sections) keep the defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let base = Self.default
        func section(_ key: CodingKeys, _ fallback: SectionPolicy) throws -> SectionPolicy {
            guard container.contains(key) else { return fallback }
            return try SectionPolicy(from: try container.superDecoder(forKey: key), defaults: fallback)
        }
        facts = try section(.facts, base.facts)
        examples = try section(.examples, base.examples)
        documents = try section(.documents, base.documents)
        recall = try section(.recall, base.recall)
        history = try section(.history, base.history)
        examplePlacement =
            try container.decodeIfPresent(ExamplePlacement.self, forKey: .examplePlacement) ?? base.examplePlacement
        overflowBeyondMax =
            try container.decodeIfPresent(Bool.self, forKey: .overflowBeyondMax) ?? base.overflowBeyondMax
        trimMarker = try container.decodeIfPresent(String.self, forKey: .trimMarker) ?? base.trimMarker
    }
}
