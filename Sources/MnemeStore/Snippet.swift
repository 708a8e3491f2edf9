/// Picks the passage of a text that best matches a query and marks the matched words.
///
/// Words match when their stems match (the same rule as the full-text index), so "policies"
/// marks "[policy]". Computed in Swift for the few chunks returned, rather than by FTS5's
/// `snippet()`, which SQLite would evaluate for every matching row before sorting.
enum Snippet {
    /// The window of at most `words` words with the most matches, matched words in `[` `]`,
    /// `…` where text was cut.
    static func make(_ text: String, terms: [String], words: Int = 32) -> String {
        let stems = Set(terms.map { StemCache.stem($0.lowercased()) })
        let tokens = text.unicodeScalars.split(whereSeparator: FullTextQuery.isSpace)
        if tokens.isEmpty { return "" }
        // Stems keep their word's first letter when it is ASCII (Snowball only changes endings;
        // diacritic folding only touches other letters), so most words are ruled out by it.
        let initials = Set(stems.compactMap { $0.unicodeScalars.first }.filter(\.isASCII).map(\.value))
        var known: [String: Bool] = [:]
        let matched = tokens.map { token -> Bool in
            if let first = token.first(where: FullTextQuery.isWordScalar), first.isASCII,
                !initials.contains((0x41...0x5A).contains(first.value) ? first.value | 0x20 : first.value)
            {
                return false
            }
            var word = String.UnicodeScalarView()
            for scalar in token where FullTextQuery.isWordScalar(scalar) { word.append(scalar) }
            let key = String(word)
            if let hit = known[key] { return hit }
            let hit = !key.isEmpty && stems.contains(StemCache.stem(key.lowercased()))
            known[key] = hit
            return hit
        }
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
        var parts: [String] = []
        for index in best..<best + window {
            let token = String(String.UnicodeScalarView(tokens[index]))
            parts.append(matched[index] ? "[\(token)]" : token)
        }
        return (best > 0 ? "…" : "") + parts.joined(separator: " ") + (best + window < tokens.count ? "…" : "")
    }
}
