#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Why the prompt looks the way it does: the budget arithmetic and every candidate's fate.
///
/// Codable with stable snake_case field names (explicit coding keys, no key strategy needed);
/// ``jsonData(prettyPrinted:)`` for the prompt log. Contains no
/// provider configuration and no secrets.
public struct ContextTrace: Sendable, Hashable, Codable {
    /// The trace's id (`trc_…`), set by the engine for a turn so logs, events and the prompt log can refer
    /// to it; `nil` for a trace built outside a turn.
    public var id: String?
    /// The budget arithmetic.
    public var budget: BudgetArithmetic
    /// Every candidate exactly once, in section order (system, facts, examples, documents, recall, history,
    /// user message) and within a section in input order.
    public var entries: [TraceEntry]
    /// Notes worth showing (mandatory parts trimmed, unresolved template variables, …).
    public var notes: [String]

    /// Creates a trace.
    public init(budget: BudgetArithmetic, entries: [TraceEntry], notes: [String]) {
        self.budget = budget
        self.entries = entries
        self.notes = notes
    }

    /// The entries of one section.
    public func entries(in section: ContextSection) -> [TraceEntry] {
        entries.filter { $0.section == section }
    }

    /// JSON with snake_case keys, ISO-8601 dates and sorted keys (stable for diffs).
    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = prettyPrinted ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Decodes ``jsonData(prettyPrinted:)`` output.
    public static func decode(json: Data) throws -> ContextTrace {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ContextTrace.self, from: json)
    }
}
