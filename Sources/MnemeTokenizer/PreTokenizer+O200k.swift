extension PreTokenizer {
    /// One match of o200k_base's split pattern starting at `start` (< `end`). With
    /// `U = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`, `W = [\p{Ll}\p{Lm}\p{Lo}\p{M}]`, `P = [^\r\n\p{L}\p{N}]` and
    /// `C = (?i:'s|'t|'re|'ve|'m|'ll|'d)`, the alternatives are:
    ///
    ///     P?U*W+C? | P?U+W*C? | \p{N}{1,3} | ' '?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+
    ///
    /// The classes overlap (`Lm`, `Lo` and marks are in both `U` and `W`; marks are also in `P`), so the
    /// first two alternatives are evaluated as a backtracking engine would: `P?` first tries to take a
    /// scalar, `U*` gives back scalars until `W+` can match (so `W+` starts at the last possible place).
    @inline(__always)
    func nextEndO200k(from start: Int) -> Int {
        let (flags, length) = scalar(at: start)
        let prefixable = flags & (ScalarClass.letter | ScalarClass.number | ScalarClass.newline) == 0
        // P?U*W+C?
        if prefixable, let matched = upperThenLower(from: start + length) { return matched }
        if flags & (ScalarClass.upper | ScalarClass.lower) != 0, let matched = upperThenLower(from: start) {
            return matched
        }
        // P?U+W*C?
        if prefixable && start + length < end && flagsAt(start + length) & ScalarClass.upper != 0 {
            return upperRunThenLower(from: start + length)
        }
        if flags & ScalarClass.upper != 0 { return upperRunThenLower(from: start) }
        // \p{N}{1,3}
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
        //  ?[^\s\p{L}\p{N}]+[\r\n/]*
        let other = ScalarClass.space | ScalarClass.letter | ScalarClass.number
        var punctuationStart = -1
        if flags & other == 0 {
            punctuationStart = start
        } else if text[start] == 0x20 && start + 1 < end && flagsAt(start + 1) & other == 0 {
            punctuationStart = start + 1
        }
        if punctuationStart >= 0 {
            var position = run(from: punctuationStart, until: other)
            while position < end && (text[position] == 0x0D || text[position] == 0x0A || text[position] == 0x2F) {
                position += 1
            }
            return position
        }
        // Whitespace: \s*[\r\n]+ | \s+(?!\S) | \s+
        let whitespace = whitespaceRun(from: start)
        if whitespace.lastNewlineEnd >= 0 { return whitespace.lastNewlineEnd }
        if whitespace.end == end { return end }
        if whitespace.lastScalarStart > start { return whitespace.lastScalarStart }
        return whitespace.end
    }

    /// `U*W+C?` at `index`, or nil. `U*` is greedy and backtracks, so `W+` starts at the last position
    /// `k` in `index ... runEnd` whose scalar is in `W`.
    @inline(__always)
    private func upperThenLower(from index: Int) -> Int? {
        var position = index
        var lastLowerStart = -1
        while position < end {
            let (flags, length) = scalar(at: position)
            if flags & ScalarClass.upper == 0 {
                if flags & ScalarClass.lower != 0 { lastLowerStart = position }
                break
            }
            if flags & ScalarClass.lower != 0 { lastLowerStart = position }
            position += length
        }
        guard lastLowerStart >= 0 else { return nil }
        let lowerEnd = run(from: lastLowerStart, while: ScalarClass.lower)
        return contractionEnd(at: lowerEnd)
    }

    /// `U+W*C?` where the scalar at `index` is known to be in `U`.
    @inline(__always)
    private func upperRunThenLower(from index: Int) -> Int {
        let upperEnd = run(from: index, while: ScalarClass.upper)
        let lowerEnd = run(from: upperEnd, while: ScalarClass.lower)
        return contractionEnd(at: lowerEnd)
    }
}
