/// A hand-written matcher for tiktoken's split regexes over valid UTF-8.
///
/// `nextEnd(from:)` returns the end of the regex match that starts at a position; matches tile the text
/// (every scalar belongs to some alternative), so the caller walks `start = nextEnd(from: start)`.
/// Each scalar is classified a bounded number of times, so splitting is O(n) in the text length
/// (no backtracking blow-up: the only "backtracking" is remembering the last candidate position).
struct PreTokenizer {
    let text: UnsafePointer<UInt8>
    /// Index one past the last byte of the chunk being split (`$` and `(?!\S)` see this as the end).
    let end: Int
    let basicPlane: UnsafePointer<UInt8>

    /// Class and byte length of the scalar starting at `index` (which must be `< end`).
    @inline(__always)
    func scalar(at index: Int) -> (flags: UInt8, length: Int) {
        let b0 = text[index]
        if b0 < 0x80 { return (basicPlane[Int(b0)], 1) }
        if b0 < 0xE0 {
            let value = (Int(b0 & 0x1F) << 6) | Int(text[index + 1] & 0x3F)
            return (basicPlane[value], 2)
        }
        if b0 < 0xF0 {
            let value = (Int(b0 & 0x0F) << 12) | (Int(text[index + 1] & 0x3F) << 6) | Int(text[index + 2] & 0x3F)
            return (basicPlane[value], 3)
        }
        let value =
            (UInt32(b0 & 0x07) << 18) | (UInt32(text[index + 1] & 0x3F) << 12)
            | (UInt32(text[index + 2] & 0x3F) << 6) | UInt32(text[index + 3] & 0x3F)
        return (ScalarClass.compute(value), 4)
    }

    /// Flags of the scalar at `index`, or 0 at the end of the chunk.
    @inline(__always)
    func flagsAt(_ index: Int) -> UInt8 {
        index < end ? scalar(at: index).flags : 0
    }

    /// End of the run of scalars whose flags intersect `mask`, starting at `index`.
    @inline(__always)
    func run(from index: Int, while mask: UInt8) -> Int {
        var position = index
        while position < end {
            let (flags, length) = scalar(at: position)
            if flags & mask == 0 { break }
            position += length
        }
        return position
    }

    /// End of the run of scalars whose flags do not intersect `mask`.
    @inline(__always)
    func run(from index: Int, until mask: UInt8) -> Int {
        var position = index
        while position < end {
            let (flags, length) = scalar(at: position)
            if flags & mask != 0 { break }
            position += length
        }
        return position
    }

    /// Whitespace handling shared by both encodings. `flags` belong to the scalar at `start`, which is `\s`.
    /// Returns the run end, the end of the last `\r`/`\n` in the run (or -1) and the start of its last scalar.
    @inline(__always)
    func whitespaceRun(from start: Int) -> (end: Int, lastNewlineEnd: Int, lastScalarStart: Int) {
        var position = start
        var lastNewlineEnd = -1
        var lastScalarStart = start
        while position < end {
            let byte = text[position]
            if byte == 0x20 || byte == 0x09 {  // fast path for the common blanks
                lastScalarStart = position
                position += 1
                continue
            }
            let (flags, length) = scalar(at: position)
            if flags & ScalarClass.space == 0 { break }
            lastScalarStart = position
            position += length
            if flags & ScalarClass.newline != 0 { lastNewlineEnd = position }
        }
        return (position, lastNewlineEnd, lastScalarStart)
    }

    /// Case-insensitive ASCII letter test.
    @inline(__always)
    func isLetter(_ index: Int, _ lower: UInt8) -> Bool {
        index < end && (text[index] | 0x20) == lower
    }
}
