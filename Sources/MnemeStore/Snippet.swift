/// Picks the passage of a text that best matches a query and marks the matched words.
///
/// Words match when their stems match (the same rule as the full-text index), so "policies"
/// marks "[policy]". Computed in Swift for the few chunks returned, rather than by FTS5's
/// `snippet()`, which SQLite would evaluate for every matching row before sorting.
///
/// The text is walked as UTF-8 bytes: tokens (runs of scalars that are not white space) are
/// byte ranges, and a token's word (its letters, digits and marks) is looked up by its bytes in
/// ``WordStems`` only when its first letter could start a query stem.
enum Snippet {
    /// The window of at most `words` words with the most matches, matched words in `[` `]`,
    /// `…` where text was cut.
    static func make(_ text: String, terms: [String], words: Int = 32) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let tokens = Self.tokens(bytes)
            if tokens.isEmpty { return "" }
            let matched = WordStems.shared.withLock { memo in Self.matches(bytes, tokens, terms, &memo) }
            let window = min(words, tokens.count)
            var best = 0
            var bestCount = -1
            var count = matched.prefix(window).filter { $0 }.count
            for start in 0...(tokens.count - window) {
                if start > 0 {
                    if matched[start - 1] { count -= 1 }
                    if matched[start + window - 1] { count += 1 }
                }
                if count > bestCount {
                    bestCount = count
                    best = start
                }
            }
            var snippet = best > 0 ? "…" : ""
            for index in best..<best + window {
                let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[tokens[index]]), as: UTF8.self)
                if index > best { snippet += " " }
                snippet += matched[index] ? "[\(token)]" : token
            }
            return best + window < tokens.count ? snippet + "…" : snippet
        }
    }

    /// Whether each token's word (its letters, digits and marks) has the stem of one of `terms`.
    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Range<Int>], _ terms: [String], _ memo: inout WordStems
    ) -> [Bool] {
        memo.trim()
        let stems = terms.map { term in
            var term = term
            return term.withUTF8 { memo.stem(of: $0).stem }
        }
        // Stems keep their word's first letter when it is ASCII (Snowball only changes endings;
        // diacritic folding only touches other letters), so most words are ruled out by it.
        var initials = [Bool](repeating: false, count: 128)
        for stem in stems {
            if let first = memo.stemStrings[stem].unicodeScalars.first, first.isASCII {
                initials[Int(first.value)] = true
            }
        }
        var word: [UInt8] = []
        return tokens.map { token -> Bool in
            word.removeAll(keepingCapacity: true)
            var index = token.lowerBound
            var checkedInitial = false
            while index < token.upperBound {
                let (scalar, width) = Self.scalar(bytes, at: index)
                if FullTextQuery.isWordScalar(scalar) {
                    if !checkedInitial {
                        checkedInitial = true
                        if scalar.isASCII {
                            let value = Int(scalar.value)
                            if !initials[(0x41...0x5A).contains(value) ? value | 0x20 : value] { return false }
                        }
                    }
                    word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + width]))
                }
                index += width
            }
            if word.isEmpty { return false }
            let stem = word.withUnsafeBufferPointer { memo.stem(of: $0).stem }
            return stems.contains(stem)
        }
    }

    /// The byte ranges of the runs of scalars that are not white space (``FullTextQuery/isSpace(_:)``).
    private static func tokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var start = -1
        var index = 0
        while index < bytes.count {
            let (scalar, width) = scalar(bytes, at: index)
            if FullTextQuery.isSpace(scalar) {
                if start >= 0 { tokens.append(start..<index) }
                start = -1
            } else if start < 0 {
                start = index
            }
            index += width
        }
        if start >= 0 { tokens.append(start..<bytes.count) }
        return tokens
    }

    /// The scalar at `index` of valid UTF-8 (a Swift string's) and its width in bytes.
    @inline(__always)
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for offset in 1..<min(width, bytes.count - index) {
            value = (value << 6) | (UInt32(bytes[index + offset]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", min(width, bytes.count - index))
    }
}
