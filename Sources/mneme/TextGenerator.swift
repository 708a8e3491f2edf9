import MnemeTuning

/// Deterministic text: words drawn with Zipf's law (rank r has weight 1/r) from a shuffled
/// vocabulary, so that word frequencies look like real text.
struct TextGenerator {
    private var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
    private let table: ZipfTable

    init(vocabulary: [String]) {
        var shuffled = vocabulary
        var generator = SplitMix64(seed: 42)
        shuffled.shuffle(using: &generator)
        table = ZipfTable(words: shuffled.isEmpty ? ["word"] : shuffled, exponent: 1)
    }

    private mutating func next() -> Double {
        Double(random.next() >> 11) / Double(1 << 53)
    }

    private mutating func word() -> String {
        table.word(at: next() * table.total)
    }

    /// A paragraph of 60 to 200 words in sentences.
    mutating func paragraph() -> String {
        let length = 60 + Int(next() * 140)
        var parts: [String] = []
        for index in 0..<length { parts.append(word() + (index % 12 == 11 ? "." : "")) }
        return parts.joined(separator: " ")
    }

    /// A title of 3 to 6 words.
    mutating func title() -> String { (0..<(3 + Int(next() * 4))).map { _ in word() }.joined(separator: " ") }
}
