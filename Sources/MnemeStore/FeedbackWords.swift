/// The words of feedback chunks that can join a query, weighed by stem.
///
/// A feedback word has at least three letters, letters only, and is not a stop word; what is
/// known about each word as written comes from ``WordStems`` (looked up by its bytes), and a
/// search counts and weighs stems in that memo's flat scratch arrays.
enum FeedbackWords {
    /// The feedback words of `texts` by stem, best first (ties by stem), leaving out stems in
    /// `excluded`: each text adds `weight × occurrences ÷ the text's number of words` to each of
    /// its stems (the occurrences of all the stem's forms).
    static func weigh(_ texts: [(text: String, weight: Double)], excluding excluded: Set<String>)
        -> [QueryExpansion.Candidate]
    {
        WordStems.shared.withLock { memo in
            memo.trim()
            var found: [Int] = []
            var inText: [Int] = []
            for (text, weight) in texts {
                var text = text
                let total = text.withUTF8 { bytes in
                    WordScanner.forEachWord(in: bytes) { word in
                        let (stem, feedback) = memo.stem(of: word)
                        guard feedback else { return }
                        if memo.counts[stem] == 0 { inText.append(stem) }
                        memo.counts[stem] += 1
                    }
                }
                let share = total > 0 ? weight / Double(total) : 0
                for stem in inText {
                    if !memo.marks[stem] {
                        memo.marks[stem] = true
                        found.append(stem)
                    }
                    memo.sums[stem] += share * Double(memo.counts[stem])
                    memo.counts[stem] = 0
                }
                inText.removeAll(keepingCapacity: true)
            }
            let left = Set(excluded.map { memo.id(ofStem: $0) })
            var candidates: [QueryExpansion.Candidate] = []
            candidates.reserveCapacity(found.count)
            for stem in found {
                if !left.contains(stem) {
                    candidates.append(
                        QueryExpansion.Candidate(
                            word: memo.lowerForms[stem], key: memo.stemStrings[stem], weight: memo.sums[stem]))
                }
                memo.sums[stem] = 0
                memo.marks[stem] = false
            }
            return candidates.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.key < $1.key }
        }
    }
}
