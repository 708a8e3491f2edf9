/// Remembers how many tokens recent pre-tokenizer pieces encode to, for ``Tokenizer/count(_:)``.
///
/// Text repeats its words, so most pieces were counted before: a look-up here stays in the
/// core's cache, where the vocabulary's table (megabytes) and the byte-pair merge loop do not. A direct-mapped table: a piece's
/// hash picks one slot, a new piece replaces the slot's old one, and a hit compares the length and
/// every byte, so a count is always the one the merge loop gives for those bytes (the encoding of
/// a piece depends on its bytes only). Pieces longer than ``maxBytes`` are merged every time.
///
/// Not thread-safe: ``Tokenizer`` lends each memo to one counting call at a time.
// @unchecked Sendable: the pool in `Tokenizer` hands a memo to one thread at a time (under its
// mutex), and the table is only touched by the thread holding it.
final class PieceCountMemo: @unchecked Sendable {
    /// The longest piece kept, in bytes.
    static let maxBytes = 26
    // Slot layout, half a cache line (a look-up touches one line; the default table is 512 KiB):
    // hash (low 32 bits), length (1), token count (1), piece bytes (26).
    private static let slotSize = 32
    private static let bytesOffset = 6

    private let slotMask: Int
    private var slots: UnsafeMutableRawPointer?

    /// A memo of `slotCount` slots (a power of two; tests use tiny ones to force replacements).
    init(slotCount: Int = 1 << 14) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0, "slotCount must be a power of two")
        slotMask = slotCount - 1
    }

    deinit { slots?.deallocate() }

    /// The remembered count of `piece[0 ..< length]`, or `nil`.
    @inline(__always)
    func count(_ piece: UnsafePointer<UInt8>, _ length: Int, hash: UInt64) -> Int? {
        guard length <= Self.maxBytes else { return nil }
        let slot = table().advanced(by: slotIndex(hash) * Self.slotSize)
        guard slot.load(as: UInt32.self) == UInt32(truncatingIfNeeded: hash),
            Int(slot.load(fromByteOffset: 4, as: UInt8.self)) == length,
            Self.equalBytes(slot.advanced(by: Self.bytesOffset), piece, length)
        else { return nil }
        return Int(slot.load(fromByteOffset: 5, as: UInt8.self))
    }

    /// Remembers that `piece[0 ..< length]` encodes to `tokens` tokens.
    @inline(__always)
    func store(_ piece: UnsafePointer<UInt8>, _ length: Int, hash: UInt64, tokens: Int) {
        // A piece of n bytes never has more than n tokens, so the count fits a byte.
        guard length <= Self.maxBytes, tokens <= Int(UInt8.max) else { return }
        let slot = table().advanced(by: slotIndex(hash) * Self.slotSize)
        slot.storeBytes(of: UInt32(truncatingIfNeeded: hash), as: UInt32.self)
        slot.storeBytes(of: UInt8(length), toByteOffset: 4, as: UInt8.self)
        slot.storeBytes(of: UInt8(tokens), toByteOffset: 5, as: UInt8.self)
        slot.advanced(by: Self.bytesOffset).copyMemory(from: piece, byteCount: length)
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

    @inline(__always)
    private func slotIndex(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & slotMask
    }

    @inline(__always)
    private func table() -> UnsafeMutableRawPointer {
        if let slots { return slots }
        let byteCount = (slotMask + 1) * Self.slotSize
        let table = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        // A zero length never matches: pieces that reach the memo have at least two bytes.
        table.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        slots = table
        return table
    }
}

/// Counts tokens, taking the count of pieces that are not tokens themselves from a memo.
struct MemoCountSink: TokenSink {
    var count = 0
    let memo: PieceCountMemo

    @inline(__always)
    mutating func append(_ token: UInt32) { count += 1 }

    @inline(__always)
    mutating func encodePiece(_ text: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ vocabulary: Vocabulary) {
        let length = end - start
        if length == 1 {
            count += 1
            return
        }
        // The memo first, for every piece: its table stays in the core's cache, where the
        // vocabulary's 200,000-token table does not.
        let piece = text + start
        let hash = Vocabulary.hash(Vocabulary.packedKey(piece, length), piece, length)
        if let known = memo.count(piece, length, hash: hash) {
            count += known
            return
        }
        var encoded = TokenCountSink()
        vocabulary.encodePiece(text, start, end, into: &encoded)
        memo.store(piece, length, hash: hash, tokens: encoded.count)
        count += encoded.count
    }
}
