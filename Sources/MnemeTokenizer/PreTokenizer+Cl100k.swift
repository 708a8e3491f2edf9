extension PreTokenizer {
    /// One match of cl100k_base's split pattern starting at `start` (< `end`):
    ///
    ///     '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+
    ///     |\s++$|\s*[\r\n]|\s+(?!\S)|\s
    ///
    /// Alternatives are tried left to right (leftmost-first semantics, as in `fancy-regex`).
    @inline(__always)
    func nextEndCl100k(from start: Int) -> Int {
        let byte = text[start]
        let (flags, length) = scalar(at: start)
        // '(?i:[sdmt]|ll|ve|re)
        if byte == 0x27 {
            let contraction = contractionEnd(at: start)
            if contraction != start { return contraction }
        }
        // [^\r\n\p{L}\p{N}]?+\p{L}++
        if flags & ScalarClass.letter != 0 {
            return run(from: start + length, while: ScalarClass.letter)
        }
        if flags & (ScalarClass.letter | ScalarClass.number | ScalarClass.newline) == 0 {
            let next = start + length
            if next < end {
                let (nextFlags, nextLength) = scalar(at: next)
                if nextFlags & ScalarClass.letter != 0 {
                    return run(from: next + nextLength, while: ScalarClass.letter)
                }
            }
        }
        // \p{N}{1,3}+
        if flags & ScalarClass.number != 0 {
            var position = start + length
            var taken = 1
            while taken < 3 && position < end {
                let (nextFlags, nextLength) = scalar(at: position)
                if nextFlags & ScalarClass.number == 0 { break }
                position += nextLength
                taken += 1
            }
            return position
        }
        //  ?[^\s\p{L}\p{N}]++[\r\n]*+
        let other = ScalarClass.space | ScalarClass.letter | ScalarClass.number
        var punctuationStart = -1
        if flags & other == 0 {
            punctuationStart = start
        } else if byte == 0x20 && start + 1 < end && flagsAt(start + 1) & other == 0 {
            punctuationStart = start + 1
        }
        if punctuationStart >= 0 {
            var position = run(from: punctuationStart, until: other)
            while position < end && (text[position] == 0x0D || text[position] == 0x0A) { position += 1 }
            return position
        }
        // The scalar is whitespace: \s++$ | \s*[\r\n] | \s+(?!\S) | \s
        let whitespace = whitespaceRun(from: start)
        if whitespace.end == end { return end }
        if whitespace.lastNewlineEnd >= 0 { return whitespace.lastNewlineEnd }
        if whitespace.lastScalarStart > start { return whitespace.lastScalarStart }
        return whitespace.end
    }
}
