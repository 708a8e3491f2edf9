import Foundation

/// Pseudo-relevance feedback (RM3): the best chunks of a first search lend the query the words
/// they have most of.
///
/// Each feedback chunk weighs its words by their share of the chunk's words, times the chunk's
/// weight `exp(score − best score)`; the words with the largest sums — not stop words, at least
/// three letters, not already in the query and in at most a quarter of the index's chunks —
/// join the query. The original terms keep ``originalWeight`` of the query's weight, split
/// evenly; the added words share the rest in proportion to their sums.
///
/// The expanded query re-ranks the first search's best ``depth`` chunks (re-ranking the top 50
/// scored the same as searching again on Cranfield, at a fraction of the cost).
///
/// Feedback needs an index of at least ``minimumRows`` chunks (see ``applies(toIndexOf:)``): it
/// assumes most of the first search's best chunks are relevant, which fails on small indexes.
///
/// Measured on Cranfield (docs/benchmarks.md): nDCG@10 0.364 → 0.40; the settings are the
/// usual RM3 ones apart from 20 added words (10 was 0.39).
enum QueryExpansion {
    /// The fewest chunks in the index for feedback to be used.
    ///
    /// On random subsets of Cranfield (`scripts/feedback_robustness.py`, 5 per size), feedback
    /// lowered nDCG@10 on average on subsets of up to 550 documents (by 0.002–0.005; at most 3.2
    /// relevant documents per query, fewer than the 5 feedback chunks), raised it slightly near
    /// 700 and raised it on every subset from 830 documents on (+0.012; +0.027 at 1,260). The
    /// threshold sits above the crossing; any value from 107 to 1,400 gives the same results on
    /// the sample handbook and on the whole of Cranfield.
    static let minimumRows = 1_000
    /// How many of the first search's chunks give words.
    static let feedbackChunks = 5
    /// How many of the first search's chunks the expanded query re-ranks.
    static let depth = 100
    /// How many words join the query.
    static let addedTerms = 20
    /// The share of the query's weight kept by the original terms.
    static let originalWeight = 0.5
    /// Words in more than this share of the index's chunks are not added.
    static let maximumShare = 0.25

    /// Whether feedback is used on an index of `rows` chunks (the rows its term statistics count).
    ///
    /// On a small index, a question has few relevant chunks, so most of the first search's best
    /// chunks are not relevant and their words pull the query away from it (on the sample
    /// handbook, 106 chunks, feedback lowered MRR@5 from 0.900 to 0.885).
    static func applies(toIndexOf rows: Int) -> Bool {
        rows >= minimumRows
    }

    /// A word of the feedback chunks, weighted.
    struct Candidate {
        var word: String
        var key: String
        var weight: Double
    }

    /// The words of the feedback chunks by weight, best first, without stop words, short
    /// words and words whose stem is in `excluded`.
    static func candidates(_ feedback: [(text: String, score: Double)], excluding excluded: Set<String>) -> [Candidate]
    {
        guard let best = feedback.map(\.score).max() else { return [] }
        return FeedbackWords.weigh(feedback.map { ($0.text, exp($0.score - best)) }, excluding: excluded)
    }

    /// The query with the chosen added words: `original` keeps ``originalWeight``.
    static func expanded(_ original: [QueryTerm], adding added: [Candidate]) -> [QueryTerm] {
        let addedTotal = added.reduce(0) { $0 + $1.weight }
        guard !original.isEmpty, addedTotal > 0 else { return original }
        let each = originalWeight / Double(original.count)
        return original.map { QueryTerm(word: $0.word, key: $0.key, weight: each * $0.weight) }
            + added.map {
                QueryTerm(word: $0.word, key: $0.key, weight: (1 - originalWeight) * $0.weight / addedTotal)
            }
    }
}
