import MnemeStemming

/// Turns a user's message into the FTS5 query used for document retrieval.
///
/// Each word is a quoted term (so no user text is ever query syntax), stop words are dropped
/// unless nothing else is left, and the terms are OR-ed so BM25 ranks chunks by how many of
/// the words they hold and how rare those are. Neighbouring content words are also added as a
/// `NEAR` group, which lifts chunks where they occur close together.
///
/// ```swift
/// DocumentQuery.match("How many vacation days do I get?")
/// // "vacation" OR "days" OR "get" OR NEAR("vacation" "days", 3) OR NEAR("days" "get", 3)
/// ```
public enum DocumentQuery {
    /// How far apart (in tokens) two neighbouring words may be to count as near.
    public static let nearDistance = 3

    /// The content words of `text`: its terms without stop words (all of them if every
    /// word is a stop word).
    public static func contentTerms(_ text: String) -> [String] {
        let terms = FullTextQuery.terms(text)
        let content = terms.filter { !StopWords.isStopWord($0.lowercased()) }
        return content.isEmpty ? terms : content
    }

    /// The FTS5 match expression for `text`, or `nil` if it has no words.
    public static func match(_ text: String) -> String? {
        let terms = contentTerms(text)
        if terms.isEmpty { return nil }
        var clauses = terms.map(quoted)
        for (first, second) in zip(terms, terms.dropFirst()) {
            clauses.append("NEAR(\(quoted(first)) \(quoted(second)), \(nearDistance))")
        }
        return clauses.joined(separator: " OR ")
    }

    static func quoted(_ term: String) -> String { "\"\(term)\"" }
}
