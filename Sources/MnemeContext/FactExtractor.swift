/// Finds explicit profile statements in one user message, deterministically (no model call).
///
/// English and Russian: "my name is …", "call me …", "remember that …", "I prefer / I like / I don't like …",
/// "меня зовут …", "моё имя …", "зови меня / называй меня …", "запомни, что …", "я предпочитаю …",
/// "мне нравится / я люблю …", "я не люблю / мне не нравится …". See ``ExtractedFact`` for the key scheme.
///
/// Conservative by design: a trigger counts only at the start of a clause (after an optional "hi,", "btw",
/// "кстати"…, or after ", " / " and " / " и "), never in questions (a sentence ending with "?"), never inside
/// quotes, and never with a negated or empty value ("my name is not important", "I prefer not to say").
///
/// ```swift
/// let facts = FactExtractor().extract(from: "Hi, my name is anna. Call me Annie!")
/// // [name = "Anna", preferred_name = "Annie"]
/// ```
public struct FactExtractor: Sendable {
    /// Longest accepted name, in characters.
    public var maxNameLength: Int
    /// Longest accepted preference object, in characters.
    public var maxTopicLength: Int
    /// Longest note, in characters (longer notes are cut at a word boundary with "…").
    public var maxNoteLength: Int

    /// Creates an extractor.
    public init(maxNameLength: Int = 60, maxTopicLength: Int = 100, maxNoteLength: Int = 300) {
        self.maxNameLength = maxNameLength
        self.maxTopicLength = maxTopicLength
        self.maxNoteLength = maxNoteLength
    }

    /// The facts stated in `message`, in order of appearance; a later fact on the same key wins (only the last
    /// one per key is returned).
    public func extract(from message: String) -> [ExtractedFact] {
        var result: [ExtractedFact] = []
        for sentence in Self.sentences(of: Self.removingQuotes(message)) {
            let lower = sentence.lowercased().replacing("ё", with: "е")
            guard lower.count == sentence.count else { continue }  // keep character offsets aligned
            let original = Array(sentence)
            let lowered = Array(lower)
            for start in Self.clauseStarts(lowered) {
                guard let (pattern, end) = Self.match(lowered, at: start) else { continue }
                let rest = String(original[end...])
                if let fact = makeFact(pattern, rest: rest, evidence: sentence) {
                    result.removeAll { $0.key == fact.key }
                    result.append(fact)
                }
            }
        }
        return result
    }

    private func makeFact(_ pattern: FactPattern, rest: String, evidence: String) -> ExtractedFact? {
        switch pattern.action {
        case .name, .preferredName:
            guard let name = Self.cleanName(rest, maxLength: maxNameLength) else { return nil }
            let isName: Bool = if case .name = pattern.action { true } else { false }
            return ExtractedFact(
                key: isName ? "name" : "preferred_name", value: name, confidence: pattern.confidence,
                kind: isName ? .name : .preferredName, evidence: evidence)
        case .preference(let verb):
            let object = Self.cut(rest, at: [",", " but ", " because ", " но ", " потому что", " так как", "("])
            let cleaned = Self.trimPunctuation(object)
            let words = Self.words(cleaned.lowercased())
            guard let first = words.first, !FactPattern.rejectedFirstWords.contains(first),
                !FactPattern.pronounObjects.contains(first), cleaned.count <= maxTopicLength
            else { return nil }
            let slug = Self.slug(words, maxWords: 4)
            guard !slug.isEmpty else { return nil }
            return ExtractedFact(
                key: "preference.\(slug)", value: "\(verb) \(cleaned)", confidence: pattern.confidence,
                kind: .preference, evidence: evidence)
        case .note:
            var note = Self.trimPunctuation(rest)
            let words = Self.words(note.lowercased())
            guard let first = words.first, !FactPattern.rejectedFirstWords.contains(first) || words.count > 2
            else { return nil }
            if note.count > maxNoteLength {
                let prefix = note.prefix(maxNoteLength)
                note = String(prefix[..<(prefix.lastIndex(of: " ") ?? prefix.endIndex)]) + "…"
            }
            return ExtractedFact(
                key: "note.\(Self.slug(words, maxWords: 3))", value: note.prefix(1).uppercased() + note.dropFirst(),
                confidence: pattern.confidence, kind: .note, evidence: evidence)
        }
    }
}
