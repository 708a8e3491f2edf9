import MnemeStemming
import Synchronization

/// The words of feedback chunks that can join a query, weighed — with what is known about each
/// word remembered between searches, since the same words come back query after query.
///
/// A word is looked up by its bytes in a ``WordTable`` (no `String`, no SipHash); the checks
/// (length, stop words, letters only) and the stemming run once per word as written, and stems
/// are numbered, so that a search counts and weighs them in flat arrays.
enum FeedbackWords {
    /// The most words remembered; the memo starts over past it.
    static let capacity = 100_000

    private struct State {
        var words = WordTable()
        /// Per word id: the id of its stem in ``stems``, or -1 when it cannot be a feedback word.
        var stemOfWord: [Int32] = []
        var stemIDs: [String: Int32] = [:]
        /// Per stem id: the lower-cased form first seen, and the stem.
        var stems: [(lower: String, key: String)] = []
        /// Per stem id, scratch for one search (all zero or `false` between searches).
        var counts: [Int32] = []
        var weights: [Double] = []
        var touched: [Bool] = []

        /// The stem id of `word` (as written), -1 when it cannot be a feedback word.
        mutating func stem(of word: UnsafeBufferPointer<UInt8>) -> Int {
            let (id, inserted) = words.insert(word)
            if !inserted { return Int(stemOfWord[id]) }
            var stem: Int32 = -1
            if let (lower, key) = FeedbackWords.classify(String(decoding: word, as: UTF8.self)) {
                if let known = stemIDs[key] {
                    stem = known
                } else {
                    stem = Int32(stems.count)
                    stemIDs[key] = stem
                    stems.append((lower, key))
                    counts.append(0)
                    weights.append(0)
                    touched.append(false)
                }
            }
            stemOfWord.append(stem)
            return Int(stem)
        }
    }

    private static let state = Mutex(State())

    /// The feedback words of `texts` by stem, best first (ties by stem), leaving out stems in
    /// `excluded`: each text adds `weight × occurrences ÷ the text's number of words` to each of
    /// its stems (the occurrences of all the stem's forms).
    static func weigh(_ texts: [(text: String, weight: Double)], excluding excluded: Set<String>)
        -> [QueryExpansion.Candidate]
    {
        state.withLock { state in
            if state.words.count >= capacity { state = State() }
            var found: [Int] = []
            var inText: [Int] = []
            for (text, weight) in texts {
                var text = text
                let total = text.withUTF8 { bytes in
                    WordScanner.forEachWord(in: bytes) { word in
                        let stem = state.stem(of: word)
                        guard stem >= 0 else { return }
                        if state.counts[stem] == 0 { inText.append(stem) }
                        state.counts[stem] += 1
                    }
                }
                let share = total > 0 ? weight / Double(total) : 0
                for stem in inText {
                    if !state.touched[stem] {
                        state.touched[stem] = true
                        found.append(stem)
                    }
                    state.weights[stem] += share * Double(state.counts[stem])
                    state.counts[stem] = 0
                }
                inText.removeAll(keepingCapacity: true)
            }
            let left = Set(excluded.compactMap { state.stemIDs[$0].map(Int.init) })
            var candidates: [QueryExpansion.Candidate] = []
            candidates.reserveCapacity(found.count)
            for stem in found {
                if !left.contains(stem) {
                    let (lower, key) = state.stems[stem]
                    candidates.append(QueryExpansion.Candidate(word: lower, key: key, weight: state.weights[stem]))
                }
                state.weights[stem] = 0
                state.touched[stem] = false
            }
            return candidates.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.key < $1.key }
        }
    }

    /// A word's lower-cased form and stem, or `nil` when it cannot be a feedback word: fewer
    /// than three letters, not only letters, or a stop word.
    static func classify(_ word: String) -> (lower: String, key: String)? {
        guard word.unicodeScalars.count >= 3 else { return nil }
        let lower = word.lowercased()
        if StopWords.isStopWord(lower) || !lower.unicodeScalars.allSatisfy(FullTextQuery.isLetter) { return nil }
        return (lower, StemCache.stem(lower))
    }
}
