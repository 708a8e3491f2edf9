/// BM25 with column weights computed in Swift over chunks already fetched, the same formula
/// as ``RankFunction``: it re-ranks a first search's results by an expanded query.
///
/// Words are runs of letters, digits and marks, lower-cased and stemmed like the index's
/// tokenizer does; a chunk's length is its number of words in all columns.
struct BM25 {
    var k1 = 1.2
    var b = 0.75
    /// Weights of the title, heading path and text.
    var columnWeights: [Double]
    /// The index's average row length in tokens.
    var averageLength: Double

    /// `hits` ordered by their score for `terms` (each with its weight, idf included), best
    /// first; the hits come back with those scores.
    func rerank(_ hits: [ChunkHit], terms: [QueryTerm], weights: [Double]) -> [ChunkHit] {
        WordStems.shared.withLock { memo in rerank(hits, terms: terms, weights: weights, stems: &memo) }
    }

    /// ``rerank(_:terms:weights:)`` with the stems of the hits' words from `memo`.
    private func rerank(_ hits: [ChunkHit], terms: [QueryTerm], weights: [Double], stems memo: inout WordStems)
        -> [ChunkHit]
    {
        memo.trim()
        // The position of each term's stem (the first term with it).
        var index: [Int: Int] = [:]
        for (position, term) in terms.enumerated() {
            let stem = memo.id(ofStem: term.key)
            if index[stem] == nil { index[stem] = position }
        }
        var frequencies = [Double](repeating: 0, count: terms.count)
        let scored = hits.map { hit -> ChunkHit in
            for position in frequencies.indices { frequencies[position] = 0 }
            var length = 0
            let columns = [hit.title, hit.headingPath.joined(separator: " "), hit.text]
            for (column, text) in columns.enumerated() {
                let weight = column < columnWeights.count ? columnWeights[column] : 1
                var text = text
                length += text.withUTF8 { bytes in
                    WordScanner.forEachWord(in: bytes) { word in
                        if let position = index[memo.stem(of: word).stem] { frequencies[position] += weight }
                    }
                }
            }
            var score = 0.0
            for position in frequencies.indices where frequencies[position] > 0 {
                score += weights[position] * impact(frequency: frequencies[position], length: Double(length))
            }
            return hit.with(score: score)
        }
        return scored.enumerated().sorted {
            $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset
        }.map(\.element)
    }

    /// A term's score in a row before its weight: `f × (k1 + 1) / (f + k1 × (1 − b + b × length /
    /// average length))`, with `frequency` the column-weighted count of the term in the row.
    func impact(frequency: Double, length: Double) -> Double {
        frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * length / averageLength))
    }
}
