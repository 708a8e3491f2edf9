/// Words given as UTF-8 bytes, numbered 0, 1, 2… in the order they are first seen — a set of
/// byte strings that finds a word without making a `String` of it or hashing it with SipHash.
///
/// Open addressing with linear probing over a power-of-two slot array, FNV-1a hashes kept per
/// word (growing rehashes without reading the words again), the words' bytes in one arena.
/// Used on the query path, where the same few thousand words are looked up search after search.
struct WordTable {
    /// The bytes of every word, one after the other.
    private var arena: [UInt8] = []
    /// Where each word starts in ``arena``; word `id` ends where `id + 1` starts.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Word ids, or -1 for an empty slot.
    private var slots: [Int32]

    /// An empty table with room for about `capacity` words before it grows.
    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
    }

    /// The number of words held.
    var count: Int { hashes.count }

    /// The id of `word`, adding it when it is new (`inserted` then `true`).
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> (id: Int, inserted: Bool) {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash, equals(id, word) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        arena.append(contentsOf: word)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = Int32(id)
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The bytes of word `id`, as a `String`.
    func string(_ id: Int) -> String {
        String(decoding: arena[starts[id]..<starts[id + 1]], as: UTF8.self)
    }

    private func equals(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == word.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            for offset in 0..<word.count where arena[start + offset] != word[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] >= 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(id)
        }
        slots = larger
    }

    /// 64-bit FNV-1a, with the high bits folded in (linear probing uses the low ones).
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash ^ (hash >> 29)
    }
}
