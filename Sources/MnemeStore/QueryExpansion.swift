import Foundation
import MnemeStemming

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
/// Measured on Cranfield (docs/benchmarks.md): nDCG@10 0.364 → 0.40; the settings are the
/// usual RM3 ones apart from 20 added words (10 was 0.39).
enum QueryExpansion {
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
        var weights: [String: Candidate] = [:]
        for (text, score) in feedback {
            var counts: [String: Int] = [:]
            let total = WordScanner.forEachWord(text) { counts[$0, default: 0] += 1 }
            if total == 0 { continue }
            let share = exp(score - best) / Double(total)
            for (word, count) in counts where word.unicodeScalars.count >= 3 {
                let lower = word.lowercased()
                if StopWords.isStopWord(lower) || !lower.unicodeScalars.allSatisfy(FullTextQuery.isLetter) { continue }
                let key = StemCache.stem(lower)
                if excluded.contains(key) { continue }
                weights[key, default: Candidate(word: lower, key: key, weight: 0)].weight += share * Double(count)
            }
        }
        return weights.values.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.key < $1.key }
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
