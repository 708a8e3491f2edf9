#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

extension FactCandidate {
    /// A candidate from a freshly extracted fact (before the store has persisted it).
    ///
    /// ```swift
    /// let facts = FactExtractor().extract(from: text).map { FactCandidate($0, sourceMessageId: "123") }
    /// ```
    public init(_ fact: ExtractedFact, sourceMessageId: String? = nil, updatedAt: Date? = nil) {
        self.init(key: fact.key, value: fact.value, sourceMessageId: sourceMessageId, updatedAt: updatedAt)
    }
}
