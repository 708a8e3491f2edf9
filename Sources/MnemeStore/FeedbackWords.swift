import MnemeStemming
import Synchronization

/// Which words of a text can join a query through feedback, and under which stem — remembered
/// between searches, since the same words come back query after query: the checks (length,
/// stop words, letters only) and the stemming run once per word, not once per word per search.
enum FeedbackWords {
    /// The most words remembered; the memo starts over past it.
    static let capacity = 100_000

    /// A word's lower-cased form and stem, or `nil` when it cannot be a feedback word.
    private static let memo = Mutex<[String: (lower: String, key: String)?]>([:])

    /// The lower-cased form and stem of each of `words` that may be a feedback word: at least
    /// three letters, letters only, not a stop word.
    static func keys(_ words: some Sequence<String>) -> [String: (lower: String, key: String)] {
        memo.withLock { memo in
            if memo.count >= capacity { memo.removeAll(keepingCapacity: true) }
            var found: [String: (lower: String, key: String)] = [:]
            for word in words {
                let entry: (lower: String, key: String)?
                if let known = memo[word] {
                    entry = known
                } else {
                    entry = classify(word)
                    memo[word] = entry
                }
                if let entry { found[word] = entry }
            }
            return found
        }
    }

    private static func classify(_ word: String) -> (lower: String, key: String)? {
        guard word.unicodeScalars.count >= 3 else { return nil }
        let lower = word.lowercased()
        if StopWords.isStopWord(lower) || !lower.unicodeScalars.allSatisfy(FullTextQuery.isLetter) { return nil }
        return (lower, StemCache.stem(lower))
    }
}
