/// Cuts over-long text at a sentence boundary (else a word boundary) so that text plus marker fits a
/// token target, counted exactly with the injected counter.
struct TextTrimmer {
    let counter: TokenCountingFunction
    let marker: String

    /// The longest prefix ending at a sentence boundary (falling back to word, then character boundaries) such
    /// that `prefix + " " + marker` costs at most `target` tokens; only the marker when no prefix fits;
    /// `nil` when even the marker does not fit.
    func trim(_ text: String, toTokens target: Int) -> (text: String, tokens: Int)? {
        let markerOnly = counter(marker)
        guard markerOnly <= target else { return nil }
        for boundaries in [Self.sentenceBoundaries(in: text), Self.wordBoundaries(in: text)] {
            if let best = longestFitting(text, boundaries: boundaries, target: target) { return best }
        }
        // One giant word: cut by characters (rare: base64, minified code).
        let characters = Array(text.indices) + [text.endIndex]
        if let best = longestFitting(text, boundaries: Array(characters.dropFirst()), target: target) { return best }
        return (marker, markerOnly)
    }

    /// Binary search over boundaries (ascending) for the longest fitting prefix.
    private func longestFitting(_ text: String, boundaries: [String.Index], target: Int) -> (String, Int)? {
        var low = 0
        var high = boundaries.count - 1
        var best: (String, Int)?
        while low <= high {
            let mid = (low + high) / 2
            let candidate = render(text[..<boundaries[mid]])
            let tokens = counter(candidate)
            if tokens <= target {
                best = (candidate, tokens)
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return best
    }

    private func render(_ prefix: Substring) -> String {
        let kept = prefix.trimmingWhitespace()
        return kept.isEmpty ? marker : kept + " " + marker
    }

    /// Indices just after sentence ends (`.`, `!`, `?`, `…`, `。`, `！`, `？` followed by whitespace, or a line
    /// break), ascending, excluding the end of the text.
    static func sentenceBoundaries(in text: String) -> [String.Index] {
        var result: [String.Index] = []
        var index = text.startIndex
        var previousEndsSentence = false
        while index < text.endIndex {
            let character = text[index]
            if character.isNewline {
                result.append(index)
                previousEndsSentence = false
            } else if previousEndsSentence && character.isWhitespace {
                result.append(index)
                previousEndsSentence = false
            } else {
                previousEndsSentence =
                    ".!?…。！？".contains(character)
                    || (previousEndsSentence && "\"'»”)".contains(character))
            }
            index = text.index(after: index)
        }
        return result
    }

    /// Indices of whitespace that follows non-whitespace, ascending.
    static func wordBoundaries(in text: String) -> [String.Index] {
        var result: [String.Index] = []
        var index = text.startIndex
        var inWord = false
        while index < text.endIndex {
            let isSpace = text[index].isWhitespace
            if isSpace && inWord { result.append(index) }
            inWord = !isSpace
            index = text.index(after: index)
        }
        return result
    }
}
