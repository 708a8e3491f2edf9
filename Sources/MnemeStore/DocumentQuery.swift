import MnemeStemming

/// Turns a user's message into the terms and FTS5 query used for document retrieval.
///
/// Each word is a quoted term (so no user text is ever query syntax), stop words are dropped
/// unless nothing else is left, and words with the same stem count once. Ranking is BM25 with
/// each term weighted by its idf (see ``Store/searchDocuments(_:for:collection:limit:perDocument:feedback:snippets:)``);
/// stemming happens in the index's tokenizer, on both sides.
///
/// Measured on Cranfield (docs/benchmarks.md, `scripts/cranfield_variants.py`): dropping stop
/// words, weighting titles and pseudo-relevance feedback lift nDCG@10; adding `NEAR` groups of
/// neighbouring words or quoted bigrams lowered it, so neither is used.
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
        return terms.map(quoted).joined(separator: " OR ")
    }

    /// The content words of `text` as weighted terms, one per stem, in order.
    static func weightedTerms(_ text: String) -> [QueryTerm] {
        var seen = Set<String>()
        return contentTerms(text).compactMap { word in
            let key = Stemmer.stem(word.lowercased())
            return seen.insert(key).inserted ? QueryTerm(word: word, key: key, weight: 1) : nil
        }
    }

    /// `word` as an FTS5 string: always one phrase, never syntax.
    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The match expression selecting rows that hold any of `selecting`, with every term of
    /// `scored` as a phrase after them (the phrases ``RankFunction`` scores). When the two lists
    /// are the same, the expression is the plain OR of the terms and the scored phrases start at 0.
    static func expression(selecting: [QueryTerm], scored: [QueryTerm]) -> (match: String, firstScored: Int) {
        let all = scored.map { quoted($0.word) }.joined(separator: " OR ")
        if selecting.map(\.key) == scored.map(\.key) { return (all, 0) }
        let selected = selecting.map { quoted($0.word) }.joined(separator: " OR ")
        return ("(\(selected)) AND (\(all))", selecting.count)
    }
}

/// A query word with the stem it is known by and its weight in the ranking.
struct QueryTerm: Hashable, Sendable {
    /// The word as written (quoted in the match expression; the tokenizer stems it).
    var word: String
    /// Its stem: words with the same stem are one term.
    var key: String
    /// Its weight in the query, before idf.
    var weight: Double
}
