/// The working state of a Snowball stemmer: a mutable buffer of Unicode scalar values plus the
/// cursor, limits and slice markers of the Snowball runtime.
///
/// This is a line-by-line port of the `BaseStemmer` runtime shipped with the reference
/// implementation (`snowballstemmer`), working on caller-provided memory so that stemming a
/// token does not allocate on the heap for ordinary word lengths.
///
/// The buffer must have room for the word plus ``SnowballEnv/headroom`` extra scalars: no
/// Snowball rule used here grows a word by more than one character.
struct SnowballEnv {
    /// Extra capacity, beyond the word length, that callers must provide.
    static let headroom = 4

    let buffer: UnsafeMutablePointer<UInt32>
    let capacity: Int
    var cursor: Int = 0
    var limit: Int
    var limitBackward: Int = 0
    var bra: Int = 0
    var ket: Int

    /// Wraps `count` initialised scalars at the start of `buffer`, which holds `capacity` slots.
    init(buffer: UnsafeMutablePointer<UInt32>, count: Int, capacity: Int) {
        precondition(capacity >= count + Self.headroom, "SnowballEnv needs headroom")
        self.buffer = buffer
        self.capacity = capacity
        self.limit = count
        self.ket = count
    }

    /// The current word, `buffer[0..<limit]`.
    var word: UnsafeMutableBufferPointer<UInt32> {
        UnsafeMutableBufferPointer(start: buffer, count: limit)
    }

    // MARK: - Single characters

    /// `true` when the character before the cursor (backward mode) is `c`; moves past it.
    @inline(__always)
    mutating func eqCB(_ c: UInt32) -> Bool {
        if cursor <= limitBackward || buffer[cursor - 1] != c { return false }
        cursor -= 1
        return true
    }

    /// `true` when the character at the cursor (forward mode) is `c`; moves past it.
    @inline(__always)
    mutating func eqC(_ c: UInt32) -> Bool {
        if cursor >= limit || buffer[cursor] != c { return false }
        cursor += 1
        return true
    }

    // MARK: - Groupings

    @inline(__always)
    mutating func inGrouping(_ member: (UInt32) -> Bool) -> Bool {
        if cursor >= limit || !member(buffer[cursor]) { return false }
        cursor += 1
        return true
    }

    @inline(__always)
    mutating func goInGrouping(_ member: (UInt32) -> Bool) -> Bool {
        while cursor < limit {
            if !member(buffer[cursor]) { return true }
            cursor += 1
        }
        return false
    }

    @inline(__always)
    mutating func goOutGrouping(_ member: (UInt32) -> Bool) -> Bool {
        while cursor < limit {
            if member(buffer[cursor]) { return true }
            cursor += 1
        }
        return false
    }

    @inline(__always)
    mutating func inGroupingB(_ member: (UInt32) -> Bool) -> Bool {
        if cursor <= limitBackward || !member(buffer[cursor - 1]) { return false }
        cursor -= 1
        return true
    }

    @inline(__always)
    mutating func outGroupingB(_ member: (UInt32) -> Bool) -> Bool {
        if cursor <= limitBackward || member(buffer[cursor - 1]) { return false }
        cursor -= 1
        return true
    }

    @inline(__always)
    mutating func goOutGroupingB(_ member: (UInt32) -> Bool) -> Bool {
        while cursor > limitBackward {
            if member(buffer[cursor - 1]) { return true }
            cursor -= 1
        }
        return false
    }

    // MARK: - Strings

    /// Backward match of an ASCII literal ending at the cursor.
    mutating func eqSB(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        if cursor - limitBackward < n { return false }
        let p = s.utf8Start
        let start = cursor - n
        for i in 0..<n where buffer[start + i] != UInt32(p[i]) { return false }
        cursor = start
        return true
    }

    // MARK: - Slices

    /// Replaces `buffer[cBra..<cKet]` with `replacement`, adjusting limit and cursor like
    /// `BaseStemmer.replace_s`.
    @discardableResult
    mutating func replace(_ cBra: Int, _ cKet: Int, with replacement: UnsafeBufferPointer<UInt32>) -> Int {
        let adjustment = replacement.count - (cKet - cBra)
        if adjustment != 0 {
            let tail = limit - cKet
            precondition(limit + adjustment <= capacity, "SnowballEnv buffer overflow")
            (buffer + cKet + adjustment).update(from: buffer + cKet, count: tail)
        }
        for i in 0..<replacement.count { buffer[cBra + i] = replacement[i] }
        limit += adjustment
        if cursor >= cKet {
            cursor += adjustment
        } else if cursor > cBra {
            cursor = cBra
        }
        return adjustment
    }

    /// `<- s` for an ASCII literal: replaces the slice `bra..<ket`.
    mutating func sliceFrom(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        let p = s.utf8Start
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(n, 1)) { tmp in
            for i in 0..<n { tmp[i] = UInt32(p[i]) }
            sliceFrom(UnsafeBufferPointer(start: tmp.baseAddress, count: n))
        }
    }

    /// `<- s` for one scalar.
    mutating func sliceFrom(scalar: UInt32) {
        var s = scalar
        withUnsafePointer(to: &s) { p in
            sliceFrom(UnsafeBufferPointer(start: p, count: 1))
        }
    }

    mutating func sliceFrom(_ s: UnsafeBufferPointer<UInt32>) {
        precondition(bra >= 0 && bra <= ket && ket <= limit, "Snowball slice out of range")
        replace(bra, ket, with: s)
        ket = bra + s.count
    }

    /// `delete`: removes the slice `bra..<ket`.
    mutating func sliceDel() {
        sliceFrom(UnsafeBufferPointer(start: nil, count: 0))
    }
}
