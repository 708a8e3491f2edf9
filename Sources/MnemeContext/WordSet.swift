/// The distinct words of a text, hashed, for near-duplicate detection: two texts whose word sets overlap by
/// at least ``nearDuplicateThreshold`` (Jaccard: shared words ÷ all words) say the same thing — the same
/// answer given twice with its sentences in another order, a question asked again with one word changed.
struct WordSet {
    /// Shared ÷ all distinct words at or above which two texts are near-duplicates.
    static let nearDuplicateThreshold = 0.8

    let hashes: Set<UInt64>

    /// Words are runs of ASCII letters and digits (lower-cased) or of non-ASCII bytes.
    init(_ text: String) {
        var hashes = Set<UInt64>()
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var inWord = false
        for byte in text.utf8 {
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            let isWord = lowered >= 0x80 || (lowered >= 0x30 && lowered <= 0x39) || (lowered >= 0x61 && lowered <= 0x7A)
            if isWord {
                hash = (hash ^ UInt64(lowered)) &* 0x100_0000_01B3
                inWord = true
            } else if inWord {
                hashes.insert(hash)
                hash = 0xCBF2_9CE4_8422_2325
                inWord = false
            }
        }
        if inWord { hashes.insert(hash) }
        self.hashes = hashes
    }

    /// Whether the two texts share at least ``nearDuplicateThreshold`` of their distinct words (two texts
    /// without words are not near-duplicates of anything).
    func isNearDuplicate(of other: WordSet) -> Bool {
        guard !hashes.isEmpty, !other.hashes.isEmpty else { return false }
        let (small, large) = hashes.count <= other.hashes.count ? (hashes, other.hashes) : (other.hashes, hashes)
        // Jaccard ≥ t needs |small| ≥ t × |large|: skip the intersection when sizes alone rule it out.
        guard Double(small.count) >= Self.nearDuplicateThreshold * Double(large.count) else { return false }
        let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
        return Double(shared) >= Self.nearDuplicateThreshold * Double(small.count + large.count - shared)
    }
}
