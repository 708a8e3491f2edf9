/// Finds pairs of nearly identical texts: word 3-gram sets with a Jaccard similarity of at least
/// ``threshold``, found through MinHash signatures and locality-sensitive hashing (16 bands of 4
/// rows), then confirmed on the exact sets. Deterministic: no per-process random seeds.
enum NearDuplicates {
    /// The similarity at which two examples count as near-duplicates.
    static let threshold = 0.8

    private static let bands = 16
    private static let rows = 4

    /// A pair of indexes (`first < second`) and their similarity.
    struct Pair: Hashable, Sendable {
        let first: Int
        let second: Int
        let similarity: Double
    }

    /// Near-duplicate pairs among texts (given as their word hashes, see
    /// ``TextNormalization/wordHashes(_:)``) for which `include(first, second)` holds.
    static func pairs(_ texts: [[UInt64]], include: (Int, Int) -> Bool = { _, _ in true }) -> [Pair] {
        let sets = texts.map(shingles)
        var buckets: [UInt64: [Int]] = [:]
        for (index, set) in sets.enumerated() where !set.isEmpty {
            let signature = minHash(set)
            for band in 0..<bands {
                var key = Hashing.fnvOffset ^ UInt64(band)
                for row in 0..<rows { key = Hashing.combine(key, signature[band * rows + row]) }
                buckets[key, default: []].append(index)
            }
        }
        var seen = Set<Int>()
        var found: [Pair] = []
        for members in buckets.values where members.count > 1 {
            for a in 0..<members.count {
                for b in (a + 1)..<members.count {
                    let (first, second) = (min(members[a], members[b]), max(members[a], members[b]))
                    guard first != second, include(first, second) else { continue }
                    guard seen.insert(first &* texts.count &+ second).inserted else { continue }
                    let similarity = jaccard(sets[first], sets[second])
                    if similarity >= threshold {
                        found.append(Pair(first: first, second: second, similarity: similarity))
                    }
                }
            }
        }
        return found.sorted { ($0.second, $0.first) < ($1.second, $1.first) }
    }

    /// Hashes of the word 3-grams of a text's words (the whole text when it has fewer than 3 words).
    static func shingles(_ words: [UInt64]) -> Set<UInt64> {
        guard words.count >= 3 else { return words.isEmpty ? [] : [words.reduce(Hashing.fnvOffset, Hashing.combine)] }
        var set = Set<UInt64>(minimumCapacity: words.count)
        for index in 0...(words.count - 3) {
            set.insert(Hashing.combine(Hashing.combine(words[index], words[index + 1]), words[index + 2]))
        }
        return set
    }

    static func jaccard(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }

    private static let seeds: [UInt64] = {
        var state: UInt64 = 0x4D4E_454D_5455_4E45
        return (0..<(bands * rows)).map { _ in SplitMix64.next(&state) }
    }()

    private static func minHash(_ set: Set<UInt64>) -> [UInt64] {
        seeds.map { seed in set.reduce(UInt64.max) { min($0, SplitMix64.mix($1 ^ seed)) } }
    }
}

/// Stable 64-bit hashing (FNV-1a), the same in every process, unlike `Hasher`.
enum Hashing {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3

    static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        SplitMix64.mix(hash ^ (value &+ 0x9e37_79b9_7f4a_7c15 &+ (hash << 6) &+ (hash >> 2)))
    }
}

/// SplitMix64: a small, fast, seedable generator (Steele, Lea and Flood, 2014), the same on
/// every platform, for deterministic splits.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator seeded with `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 { Self.next(&state) }

    static func next(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        return mix(state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
