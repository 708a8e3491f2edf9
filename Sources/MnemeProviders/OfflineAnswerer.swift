/// Composes the offline provider's answer from the grounding of a request. Pure and deterministic.
///
/// It greets the user by name, answers questions about the user from profile facts, quotes the one or
/// two sentences of the best passages that share the most words with the question, cites them as
/// `[Title › Heading]`, and says plainly when nothing relevant is known.
struct OfflineAnswerer: Sendable {
    /// A sentence chosen from a passage.
    struct Quote: Hashable {
        var sentence: String
        var passageIndex: Int
        var score: Double
        /// The share of the question's words the sentence holds.
        var coverage: Double = 0
    }

    /// Words that open a question (English and Russian).
    static let questionWords: Set<String> = [
        "what", "how", "where", "when", "who", "whom", "which", "why", "can", "could", "do", "does", "is", "are",
        "should", "may", "will", "would", "сколько", "как", "где", "когда", "что", "кто", "почему", "какой", "какая",
        "какие", "можно", "зачем", "куда",
    ]

    /// Whether the text asks something: a question mark, or a question word first.
    static func isQuestion(_ text: String) -> Bool {
        if text.contains("?") { return true }
        let first = text.lowercased().split(whereSeparator: { !$0.isLetter }).first.map(String.init) ?? ""
        return questionWords.contains(first)
    }

    /// Whether the question asks for an amount, a time or a date, which a sentence with digits
    /// is likelier to answer.
    static func asksForQuantity(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["how many", "how much", "how long", "when", "сколько", "когда", "какой срок"].contains {
            lower.contains($0)
        }
    }

    func answer(_ request: ChatRequest) -> String {
        let grounding = request.grounding ?? Grounding()
        let question = request.lastUserText
        let terms = Self.terms(of: question)
        var parts: [String] = []

        let name = grounding.userName?.trimmingWhitespace() ?? ""
        let greeting = name.isEmpty ? nil : "Hi \(name)!"

        if terms.isEmpty {
            let opener = greeting ?? "Hello!"
            if question.trimmingWhitespace().isEmpty || Self.isGreeting(question) {
                return "\(opener) I'm running offline, without a language model. Ask me about your documents and "
                    + "I'll quote what they say."
            }
        }

        if let greeting { parts.append(greeting) }

        if let about = aboutUser(terms: terms, question: question, grounding: grounding) {
            parts.append(about)
        }

        let asking = Self.isQuestion(question)
        var quotes = bestQuotes(terms: terms, passages: grounding.passages, question: question)
        if !asking, quotes.first.map({ $0.coverage < 0.75 }) ?? false { quotes = [] }
        if quotes.isEmpty && !asking && !terms.isEmpty {
            parts.append("Noted. Ask me anything about the company documents, and I'll quote what they say.")
        } else if quotes.isEmpty {
            if parts.count <= 1 || (parts.count == 1 && greeting == nil) {
                if grounding.passages.isEmpty {
                    parts.append(
                        "I don't know — I have no documents about that, and I'm running offline without a language model."
                    )
                } else {
                    parts.append("I don't know — none of the documents I found mention \(Self.topic(of: question)).")
                }
            }
        } else {
            parts.append(quotes.count == 1 ? "Here is what I found:" : "Here is what I found in your documents:")
            for quote in quotes {
                let passage = grounding.passages[quote.passageIndex]
                parts.append("“\(quote.sentence)” [\(passage.citation)]")
            }
            var seen: Set<String> = []
            let sources = quotes.map { grounding.passages[$0.passageIndex] }.filter { seen.insert($0.uri).inserted }
                .map { "\($0.citation) (\($0.uri))" }
            parts.append("Source\(sources.count == 1 ? "" : "s"): \(sources.joined(separator: "; ")).")
        }
        return parts.joined(separator: "\n\n")
    }

    /// Facts (and the name) the question asks about.
    private func aboutUser(terms: [String], question: String, grounding: Grounding) -> String? {
        let lowered = question.lowercased()
        let asksAboutSelf =
            lowered.contains("my ") || lowered.contains("me ") || lowered.hasSuffix(" me")
            || lowered.contains("мой") || lowered.contains("меня")
        guard asksAboutSelf else { return nil }
        if lowered.contains("my name") || lowered.contains("who am i") || lowered.contains("меня зовут") {
            if let name = grounding.userName, !name.isEmpty { return "Your name is \(name)." }
        }
        let termSet = Set(terms)
        let matching = grounding.facts.filter { fact in
            !Set(Self.terms(of: fact.key + " " + fact.value)).isDisjoint(with: termSet)
        }
        guard !matching.isEmpty else { return nil }
        let list = matching.prefix(3).map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        return "From your profile — \(list)."
    }

    /// The one or two best sentences of the top passages.
    func bestQuotes(terms: [String], passages: [Passage], question: String = "") -> [Quote] {
        guard !terms.isEmpty else { return [] }
        let questionTerms = Set(terms)
        let quantity = Self.asksForQuantity(question)
        var candidates: [Quote] = []
        for (index, passage) in passages.prefix(5).enumerated() {
            for sentence in Self.sentences(of: passage.text) {
                let sentenceTerms = Set(Self.terms(of: sentence))
                let overlap = questionTerms.intersection(sentenceTerms).count
                guard overlap > 0 else { continue }
                let coverage = Double(overlap) / Double(questionTerms.count)
                // With two or more question words, a sentence sharing fewer than half is not an answer.
                if questionTerms.count >= 2 && coverage < 0.5 { continue }
                // Prefer the retriever's order a little; break ties by position (stable sort below).
                var score = coverage * 10 - Double(index) * 0.5 + Double(overlap)
                if quantity && sentence.contains(where: \.isNumber) { score += 3 }
                candidates.append(Quote(sentence: sentence, passageIndex: index, score: score, coverage: coverage))
            }
        }
        let sorted = candidates.enumerated().sorted { lhs, rhs in
            lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
        }.map(\.element)
        guard let best = sorted.first else { return [] }
        var result = [best]
        if let second = sorted.dropFirst().first(where: { $0.sentence != best.sentence }),
            second.score >= best.score * 0.6
        {
            result.append(second)
        }
        return result
    }

    /// Lower-cased content words (stop words dropped), crudely stemmed to their first 6 characters.
    static func terms(of text: String) -> [String] {
        var terms: [String] = []
        var word = ""
        func flush() {
            defer { word = "" }
            guard word.count >= 2, !stopWords.contains(word) else { return }
            terms.append(String(word.prefix(6)))
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character == "ё" ? "е" : character)
            } else if character == "'" || character == "’" {
                flush()
            } else {
                flush()
            }
        }
        flush()
        var seen: Set<String> = []
        return terms.filter { seen.insert($0).inserted }
    }

    /// Sentences of `text` (split after `.`, `!`, `?` followed by whitespace, and at line breaks).
    static func sentences(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character == "\n" {
                result.append(current)
                current = ""
            } else if character.isWhitespace, ".!?".contains(previous) {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        result.append(current)
        return result.map { $0.trimmingWhitespace() }
            .map { $0.drop { "#>*-• ".contains($0) }.trimmingWhitespace() }
            .filter { $0.count >= 3 }
    }

    static func isGreeting(_ text: String) -> Bool {
        let words = text.lowercased().split { !$0.isLetter }
        return words.count <= 3 && words.contains { greetings.contains(String($0)) }
    }

    /// The question's content words, unstemmed: `"capital Peru"`.
    static func topic(of question: String) -> String {
        let words = question.split { !$0.isLetter && !$0.isNumber }.map(String.init)
            .filter { $0.count >= 2 && !stopWords.contains($0.lowercased()) }
        return words.isEmpty ? "that" : "\"" + words.prefix(5).joined(separator: " ") + "\""
    }

    static let greetings: Set<String> = ["hi", "hello", "hey", "привет", "здравствуйте", "hallo", "bonjour", "hola"]

    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "about", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "can",
        "could", "should", "would", "will", "shall", "may", "might", "must", "it", "its", "this", "that", "these",
        "those", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "i", "me",
        "my", "we", "our", "you", "your", "he", "she", "they", "them", "their", "his", "her", "from", "into", "than",
        "then", "so", "not", "no", "yes", "please", "tell", "know", "any", "some", "all", "many", "much", "get", "s",
        "hi", "hello", "hey", "thanks", "thank", "up", "out", "also", "just", "only", "very", "more", "most",
        "и", "в", "во", "не", "что", "как", "на", "с", "со", "по", "из", "за", "у", "о", "об", "к", "ко", "ли",
        "а", "но", "или", "же", "бы", "это", "мне", "меня", "мой", "моя", "мои", "я", "ты", "вы", "он", "она",
        "они", "мы", "такое", "какой", "какая", "какие", "сколько", "где", "когда", "почему",
    ]
}
