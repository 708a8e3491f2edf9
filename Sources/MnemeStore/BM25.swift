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
        var index: [String: Int] = [:]
        for (position, term) in terms.enumerated() where index[term.key] == nil { index[term.key] = position }
        var known: [String: Int] = [:]
        var frequencies = [Double](repeating: 0, count: terms.count)
        let scored = hits.map { hit -> ChunkHit in
            for position in frequencies.indices { frequencies[position] = 0 }
            var length = 0
            let columns = [hit.title, hit.headingPath.joined(separator: " "), hit.text]
            for (column, text) in columns.enumerated() {
                let weight = column < columnWeights.count ? columnWeights[column] : 1
                length += WordScanner.forEachWord(text) { word in
                    let position: Int
                    if let cached = known[word] {
                        position = cached
                    } else {
                        position = index[StemCache.stem(word.lowercased())] ?? -1
                        known[word] = position
                    }
                    if position >= 0 { frequencies[position] += weight }
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
