extension PreTokenizer {
    /// Length of a case-insensitive `s` at `index` (Unicode simple case folding also maps U+017F ſ to
    /// `s`, and the `regex` crate's `(?i)` honours it), or 0.
    @inline(__always)
    func foldedS(_ index: Int) -> Int {
        guard index < end else { return 0 }
        let byte = text[index]
        if byte | 0x20 == 0x73 { return 1 }
        if byte == 0xC5 && index + 1 < end && text[index + 1] == 0xBF { return 2 }
        return 0
    }

    /// Matches `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `index`; returns its end, or `index` when there is none.
    /// (cl100k's `'(?i:[sdmt]|ll|ve|re)` is the same language.)
    @inline(__always)
    func contractionEnd(at index: Int) -> Int {
        guard index + 1 < end, text[index] == 0x27 else { return index }
        let s = foldedS(index + 1)
        if s > 0 { return index + 1 + s }
        switch text[index + 1] | 0x20 {
        case 0x74, 0x6D, 0x64: return index + 2  // t m d
        case 0x72, 0x76: return isLetter(index + 2, 0x65) ? index + 3 : index  // re ve
        case 0x6C: return isLetter(index + 2, 0x6C) ? index + 3 : index  // ll
        default: return index
        }
    }
}
