import MnemeStemming

/// Turns a user's message into the FTS5 query used for document retrieval.
///
/// Each word is a quoted term (so no user text is ever query syntax), stop words are dropped
/// unless nothing else is left, and the terms are OR-ed so BM25 ranks chunks by how many of
/// the words they hold and how rare those are. Stemming happens in the index's tokenizer, on
/// both sides.
///
/// Measured on Cranfield (docs/benchmarks.md, `scripts/cranfield_variants.py`): dropping stop
/// words and weighting titles lift nDCG@10; adding `NEAR` groups of neighbouring words or quoted
/// bigrams lowered it, so neither is used.
///
/// ```swift
/// DocumentQuery.match("How many vacation days do I get?")
/// // "many" OR "vacation" OR "days" OR "get"
/// ```
public enum DocumentQuery {
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
        return terms.map { "\"\($0)\"" }.joined(separator: " OR ")
    }
}
