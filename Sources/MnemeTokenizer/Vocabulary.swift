/// The mergeable ranks of one encoding: byte sequence -> rank, and rank -> byte sequence.
///
/// Layout, chosen for lookup speed in the BPE inner loop:
/// - `blob` holds every token's bytes back to back in rank order (plus 8 bytes of zero padding), and
///   `offsets[rank] ..< offsets[rank + 1]` is the token of `rank`;
/// - an open-addressing hash table (`slotKeys`/`slotInfo`, power-of-two size, load factor <= 0.5,
///   linear probing) keyed by the first 8 bytes packed little-endian into a `UInt64` plus the length,
///   so that a lookup of a token of up to 8 bytes is one multiply, one load and two compares; longer
///   tokens (at most 128 bytes in both encodings) are confirmed with a byte comparison of the tail.
///
/// The storage is written once in `init` and only read afterwards, which is why the class can be
/// shared between threads (see the `@unchecked Sendable` note below).
// @unchecked Sendable: every stored property is a `let`; the raw buffers are fully written in `init`
// before the object escapes and are never mutated afterwards, and freed only in `deinit`.
final class Vocabulary: @unchecked Sendable {
    static let noRank: UInt32 = .max

    let count: Int
    let maxTokenLength: Int
    let blob: UnsafeMutablePointer<UInt8>
    let offsets: UnsafeMutablePointer<UInt32>
    let slotKeys: UnsafeMutablePointer<UInt64>
    /// 0 = empty slot; otherwise `(length << 32) | (rank + 1)`.
    let slotInfo: UnsafeMutablePointer<UInt64>
    let slotShift: UInt64
    let slotMask: Int
    /// Rank of every single byte (both encodings contain all 256 bytes).
    let byteRanks: UnsafeMutablePointer<UInt32>

    /// Builds the tables from already-decoded tokens (`tokenBytes` concatenated, `tokenOffsets` of size n + 1).
    init(tokenBytes: [UInt8], tokenOffsets: [UInt32]) throws {
        let n = tokenOffsets.count - 1
        count = n
        let blob = UnsafeMutablePointer<UInt8>.allocate(capacity: tokenBytes.count + 8)
        blob.initialize(repeating: 0, count: tokenBytes.count + 8)
        tokenBytes.withUnsafeBufferPointer { blob.update(from: $0.baseAddress!, count: $0.count) }
        self.blob = blob
        let offsets = UnsafeMutablePointer<UInt32>.allocate(capacity: n + 1)
        tokenOffsets.withUnsafeBufferPointer { offsets.initialize(from: $0.baseAddress!, count: n + 1) }
        self.offsets = offsets

        var bits = 4
        while (1 << bits) < n * 2 { bits += 1 }
        let capacity = 1 << bits
        slotShift = UInt64(64 - bits)
        slotMask = capacity - 1
        slotKeys = .allocate(capacity: capacity)
        slotKeys.initialize(repeating: 0, count: capacity)
        slotInfo = .allocate(capacity: capacity)
        slotInfo.initialize(repeating: 0, count: capacity)
        byteRanks = .allocate(capacity: 256)
        byteRanks.initialize(repeating: Vocabulary.noRank, count: 256)

        var longest = 0
        for rank in 0..<n {
            let start = Int(offsets[rank])
            let length = Int(offsets[rank + 1]) - start
            longest = max(longest, length)
            let pointer = UnsafePointer(blob + start)
            let key = Vocabulary.packedKey(pointer, length)
            var slot = Vocabulary.hash(key, pointer, length) &>> slotShift
            while slotInfo[Int(slot)] != 0 {
                let info = slotInfo[Int(slot)]
                if slotKeys[Int(slot)] == key && Int(info >> 32) == length
                    && Vocabulary.tailEqual(
                        UnsafePointer(blob + Int(offsets[Int(UInt32(truncatingIfNeeded: info)) - 1])), pointer, length)
                {
                    throw TokenizerError(
                        code: .vocabularyCorrupt,
                        message: "Vocabulary lists the same token twice (rank \(rank)); the file is damaged: "
                            + "copy it again from tiktoken (check its SHA-256)."
                    )
                }
                slot = (slot &+ 1) & UInt64(slotMask)
            }
            slotKeys[Int(slot)] = key
            slotInfo[Int(slot)] = (UInt64(length) << 32) | UInt64(rank + 1)
            if length == 1 { byteRanks[Int(pointer[0])] = UInt32(rank) }
        }
        maxTokenLength = longest
        for byte in 0..<256 where byteRanks[byte] == Vocabulary.noRank {
            throw TokenizerError(
                code: .vocabularyCorrupt,
                message: "Vocabulary has no token for byte \(byte); byte-level BPE needs all 256 bytes."
            )
        }
    }

    deinit {
        blob.deallocate()
        offsets.deallocate()
        slotKeys.deallocate()
        slotInfo.deallocate()
        byteRanks.deallocate()
    }

    private static let lowMasks: [UInt64] = (0...8).map { $0 == 8 ? UInt64.max : (UInt64(1) << UInt64($0 * 8)) - 1 }

    /// The first `min(length, 8)` bytes packed little-endian; reads only `length` bytes.
    @inline(__always)
    static func packedKey(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        if length >= 8 { return UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self).littleEndian }
        var key: UInt64 = 0
        var index = length - 1
        while index >= 0 {
            key = (key << 8) | UInt64(pointer[index])
            index -= 1
        }
        return key
    }

    @inline(__always)
    static func hash(_ key: UInt64, _ pointer: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h = key ^ (UInt64(truncatingIfNeeded: length) &* 0xD6E8_FEB8_6659_FD93)
        if length > 8 {
            let tail = UnsafeRawPointer(pointer + (length - 8)).loadUnaligned(as: UInt64.self)
            h ^= (tail.littleEndian &* 0x94D0_49BB_1331_11EB) ^ (tail >> 29)
        }
        return (h ^ (h >> 32)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Compares bytes 8 ..< length (the packed key already covers the first 8).
    @inline(__always)
    static func tailEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var index = 8
        while index < length {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    /// The rank of `pointer[0 ..< length]`, or `noRank` when it is not a token.
    @inline(__always)
    func rank(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        if length > maxTokenLength { return Vocabulary.noRank }
        let key = Vocabulary.packedKey(pointer, length)
        var slot = Int(truncatingIfNeeded: Vocabulary.hash(key, pointer, length) &>> slotShift)
        while true {
            let info = slotInfo[slot]
            if info == 0 { return Vocabulary.noRank }
            if slotKeys[slot] == key && Int(info >> 32) == length {
                let rank = UInt32(truncatingIfNeeded: info) &- 1
                if length <= 8 || Vocabulary.tailEqual(UnsafePointer(blob + Int(offsets[Int(rank)])), pointer, length) {
                    return rank
                }
            }
            slot = (slot &+ 1) & slotMask
        }
    }

    /// The bytes of a mergeable token.
    @inline(__always)
    func tokenBytes(_ rank: Int) -> UnsafeBufferPointer<UInt8> {
        let start = Int(offsets[rank])
        return UnsafeBufferPointer(start: blob + start, count: Int(offsets[rank + 1]) - start)
    }
}
