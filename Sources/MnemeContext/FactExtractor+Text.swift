/// Text helpers of ``FactExtractor``: sentences, clauses, quotes, names and slugs.
extension FactExtractor {
    /// Replaces quoted passages ("…", “…”, «…», „…“) with a space: quoted text is not the user's statement.
    static func removingQuotes(_ text: String) -> String {
        let pairs: [Character: Character] = ["\"": "\"", "“": "”", "«": "»", "„": "“"]
        var output = ""
        var closing: Character?
        for character in text {
            if let expected = closing {
                if character == expected { closing = nil }
                continue
            }
            if let close = pairs[character] {
                closing = close
                output.append(" ")
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// Sentences without their terminator; questions (ending with "?") are left out.
    static func sentences(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            let ends =
                character.isNewline || character == ";" || character == "?"
                || ("!.…".contains(character) && (next.isWhitespace || next == "\""))
            if ends {
                let sentence = String(current.trimmingWhitespace())
                if character != "?" && !sentence.isEmpty { result.append(sentence) }
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = String(current.trimmingWhitespace())
        if !last.isEmpty { result.append(last) }
        return result
    }

    /// Offsets where a clause starts: the sentence start, after a comma or colon, after a connector word; each
    /// moved past spaces and lead-in words ("hi", "btw", "кстати", …).
    static func clauseStarts(_ lowered: [Character]) -> [Int] {
        var starts = [0]
        for (index, character) in lowered.enumerated() where character == "," || character == ":" {
            starts.append(index + 1)
        }
        let text = String(lowered)
        for connector in FactPattern.connectors {
            var searchStart = text.startIndex
            while let range = text[searchStart...].firstRange(of: connector) {
                starts.append(text.distance(from: text.startIndex, to: range.upperBound))
                searchStart = range.upperBound
            }
        }
        return starts.map { skipLeadIns(lowered, from: $0) }
    }

    static func skipLeadIns(_ lowered: [Character], from start: Int) -> Int {
        var position = start
        var moved = true
        while moved {
            moved = false
            while position < lowered.count, lowered[position].isWhitespace || lowered[position] == "," {
                position += 1
            }
            for leadIn in FactPattern.leadIns where hasPrefix(lowered, leadIn, at: position) {
                let end = position + leadIn.count
                if end == lowered.count || lowered[end].isWhitespace || lowered[end] == "," || lowered[end] == "!" {
                    position = end
                    moved = true
                    break
                }
            }
        }
        return position
    }

    static func hasPrefix(_ characters: [Character], _ prefix: String, at position: Int) -> Bool {
        var index = position
        for character in prefix {
            guard index < characters.count, characters[index] == character else { return false }
            index += 1
        }
        return true
    }

    /// The first (longest listed first) trigger at `start`, and the offset after it.
    static func match(_ lowered: [Character], at start: Int) -> (FactPattern, Int)? {
        for pattern in patterns where hasPrefix(lowered, pattern.trigger, at: start) {
            return (pattern, start + pattern.trigger.count)
        }
        return nil
    }

    private static var patterns: [FactPattern] { FactPattern.english + FactPattern.russian }

    /// The text before the first of `stops` (case-insensitive).
    static func cut(_ text: String, at stops: [String]) -> String {
        let lower = text.lowercased()
        guard lower.count == text.count else { return text }
        var end = lower.count
        for stop in stops {
            if let range = lower.firstRange(of: stop) {
                end = min(end, lower.distance(from: lower.startIndex, to: range.lowerBound))
            }
        }
        return String(text.prefix(end))
    }

    static func trimPunctuation(_ text: String) -> String {
        var value = text.trimmingWhitespace()
        let trailing: Set<Character> = [".", ",", "!", "?", ";", ":", "…", "\"", "'", "»", ")", "]", "-", "—", " "]
        while let last = value.last, trailing.contains(last) || last.isWhitespace { value = value.dropLast() }
        while let first = value.first, "\"'«(".contains(first) || first.isWhitespace { value = value.dropFirst() }
        return String(value)
    }

    /// Lower-case words of letters and digits.
    static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "-") }.map(String.init)
    }

    /// `word_word_word` from the first `maxWords` words after stop words, ≤ 48 characters.
    static func slug(_ words: [String], maxWords: Int) -> String {
        let significant = words.drop { FactPattern.slugStopWords.contains($0) }
        let slug = significant.prefix(maxWords)
            .map { $0.filter { $0.isLetter || $0.isNumber }.replacing("ё", with: "е") }
            .filter { !$0.isEmpty }
            .joined(separator: "_")
        return String(slug.prefix(48))
    }

    /// A plausible name (≤ 4 words, not negated), capitalized where the user wrote it in lower case.
    static func cleanName(_ rest: String, maxLength: Int) -> String? {
        let cut = cut(rest, at: [",", " and ", " but ", " и ", " но ", " а ", "(", " from ", " из "])
        let value = trimPunctuation(cut)
        let parts = value.split(separator: " ")
        guard !parts.isEmpty, parts.count <= 4, value.count <= maxLength else { return nil }
        guard let first = words(value.lowercased()).first, !FactPattern.rejectedFirstWords.contains(first),
            !FactPattern.pronounObjects.contains(first)
        else { return nil }
        guard value.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "." }) else {
            return nil
        }
        return parts.enumerated().map { index, word in
            let lower = word.lowercased()
            if word != lower { return String(word) }  // the user chose the case: keep it
            if index > 0 && FactPattern.nameParticles.contains(lower) { return lower }
            return lower.split(separator: "-", omittingEmptySubsequences: false)
                .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        }.joined(separator: " ")
    }
}
