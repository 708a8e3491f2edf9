import Foundation
import MnemeStemming

/// Remembers the stems of recent tokens for one ``TextTokenizer``, keyed by the token's UTF-8
/// bytes: text repeats its words, and a look-up costs a fraction of a Snowball stemming.
///
/// A two-way table (a token's hash picks a pair of slots; a new token goes into the first slot,
/// whose old token moves to the second: on the Cranfield corpus 1.6 % of the tokens are stemmed,
/// against 3.3 % with one slot per hash), allocated on first use. Tokens or stems longer than ``maxBytes`` are stemmed every
/// time. The stem is a pure function of the token's bytes, so the index holds exactly the
/// tokens it would without the memo.
///
/// Not thread-safe: SQLite calls a tokenizer instance from its own connection only, one text at
/// a time.
final class StemMemo {
    /// The longest token and stem kept, in bytes (English and Russian words fit).
    static let maxBytes = 30
    /// Slots in the table (a power of two).
    static let slotCount = 1 << 14
    // Slot layout: hash (8 bytes), token length (1), stem length (1), padding to 16, token
    // bytes (32), stem bytes (32).
    private static let slotSize = 80
    private static let tokenOffset = 16
    private static let stemOffset = 48

    private var slots: UnsafeMutableRawPointer?

    deinit { slots?.deallocate() }

    /// Hands the stem of `token` (see ``Stemmer/withStemmedUTF8(_:_:)``) to `body`.
    func withStem<R>(_ token: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let count = token.count
        guard count <= Self.maxBytes, let base = token.baseAddress else {
            return Stemmer.withStemmedUTF8(token, body)
        }
        let hash = Self.hash(token)
        let pair = Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(Self.slotCount / 2 - 1))
        let slot = table().advanced(by: 2 * pair * Self.slotSize)
        for way in 0..<2 {
            let candidate = slot.advanced(by: way * Self.slotSize)
            if candidate.load(as: UInt64.self) == hash,
                Int(candidate.load(fromByteOffset: 8, as: UInt8.self)) == count,
                Self.equalBytes(candidate.advanced(by: Self.tokenOffset), base, count)
            {
                let stemCount = Int(candidate.load(fromByteOffset: 9, as: UInt8.self))
                return body(UnsafeRawBufferPointer(start: candidate.advanced(by: Self.stemOffset), count: stemCount))
            }
        }
        return Stemmer.withStemmedUTF8(token) { stem in
            if stem.count <= Self.maxBytes {
                slot.advanced(by: Self.slotSize).copyMemory(from: slot, byteCount: Self.slotSize)
                slot.storeBytes(of: hash, as: UInt64.self)
                slot.storeBytes(of: UInt8(count), toByteOffset: 8, as: UInt8.self)
                slot.storeBytes(of: UInt8(stem.count), toByteOffset: 9, as: UInt8.self)
                slot.advanced(by: Self.tokenOffset).copyMemory(from: base, byteCount: count)
                if let stemBase = stem.baseAddress {
                    slot.advanced(by: Self.stemOffset).copyMemory(from: stemBase, byteCount: stem.count)
                }
            }
            return body(stem)
        }
    }

    private func table() -> UnsafeMutableRawPointer {
        if let slots { return slots }
        let table = UnsafeMutableRawPointer.allocate(byteCount: Self.slotCount * Self.slotSize, alignment: 8)
        // A zero hash with a zero length never matches a real token (tokens are never empty here).
        table.initializeMemory(as: UInt8.self, repeating: 0, count: Self.slotCount * Self.slotSize)
        slots = table
        return table
    }

    /// Whether `count` bytes at `a` and `b` are equal: eight at a time, inline (a call to `memcmp`
    /// cost more than the comparison of a word). Reads no byte outside either range.
    @inline(__always)
    static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        guard count >= 8 else {
            for offset in 0..<count
            where a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            return true
        }
        var offset = 0
        while offset + 8 < count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// Mixes eight bytes at a time (a byte-at-a-time FNV-1a was a third of a hit's cost). Only
    /// picks the slot and speeds up a mismatch: a hit still compares length and bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        guard let base = bytes.baseAddress else { return hash }
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            for index in offset..<count {
                tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset))
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            hash ^= hash >> 29
        }
        return hash
    }
}
