import MnemeStemming

/// Picks the passage of a text that best matches a query and marks the matched words.
///
/// Words match when their stems match (the same rule as the full-text index), so "policies"
/// marks "[policy]". Computed in Swift for the few chunks returned, rather than by FTS5's
/// `snippet()`, which SQLite would evaluate for every matching row before sorting.
enum Snippet {
    /// The window of at most `words` words with the most matches, matched words in `[` `]`,
    /// `…` where text was cut.
    static func make(_ text: String, terms: [String], words: Int = 32) -> String {
        let stems = Set(terms.map { Stemmer.stem($0.lowercased()) })
        let tokens = text.split(whereSeparator: \.isWhitespace)
        if tokens.isEmpty { return "" }
        let matched = tokens.map { token -> Bool in
            let word = token.unicodeScalars.filter { FullTextQuery.isWordScalar($0) }
            return !word.isEmpty && stems.contains(Stemmer.stem(String(String.UnicodeScalarView(word)).lowercased()))
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
            parts.append(matched[index] ? "[\(tokens[index])]" : String(tokens[index]))
        }
        return (best > 0 ? "…" : "") + parts.joined(separator: " ") + (best + window < tokens.count ? "…" : "")
    }
}
