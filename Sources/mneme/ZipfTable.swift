import Foundation

/// Words drawn with Zipf's law — the word of rank r weighs 1 / r^exponent — for the benchmarks'
/// generated text. The caller draws a number in `0..<total` with its own generator, so each
/// benchmark keeps its sequence.
struct ZipfTable {
    /// The words, most frequent first.
    let words: [String]
    private let cumulative: [Double]

    /// A table over `words` (most frequent first; not empty).
    init(words: [String], exponent: Double) {
        precondition(!words.isEmpty, "a Zipf table needs words")
        self.words = words
        var sum = 0.0
        cumulative = words.indices.map { rank in
            sum += 1 / pow(Double(rank + 1), exponent)
            return sum
        }
    }

    /// The sum of all weights: draws are taken in `0..<total`.
    var total: Double { cumulative[cumulative.count - 1] }

    /// The word whose share of the weights holds `target` (in `0..<total`).
    func word(at target: Double) -> String {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return words[low]
    }
}
