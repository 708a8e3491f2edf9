import MnemeStemming
import Testing

@testable import MnemeStore

@Suite("Snippets")
struct SnippetTests {
    @Test("matched words are marked by stem, the best window is kept and cuts are marked")
    func marksMatches() {
        let text = (0..<40).map { "filler\($0)" }.joined(separator: " ") + " The vacation Policies."
        let snippet = Snippet.make(text, terms: ["vacations", "policy"], words: 8)
        #expect(snippet.hasPrefix("…"), "the window starts after the text's start")
        #expect(snippet.contains("[vacation]") && snippet.contains("[Policies.]"))
        #expect(!snippet.hasSuffix("…"), "the window reaches the end")
        #expect(Snippet.make("", terms: ["x"]) == "")
        #expect(Snippet.make(" \n\t ", terms: ["x"]) == "")
        #expect(Snippet.make("Отпуска и отпуском", terms: ["отпуск"]) == "[Отпуска] и [отпуском]")
    }

    @Test("the same snippets as the scalar-by-scalar reference on random texts")
    func equalsReference() {
        let vocabulary = [
            "vacation", "vacations", "Vacation", "policy", "policies", "POLICY", "don't", "e-mail", "email",
            "отпуск", "отпуска", "Отпуском", "café", "cafe", "naïve", "2024", "x1", "über", "emoji😀", "a",
            "…", "—", "(policy)", "«отпуск»", "e\u{301}te", "ete",
        ]
        let separators = [" ", "  ", "\n", "\t", "\u{A0}", "\u{2003}", " \n ", ", ", ". "]
        var random = SeededGenerator(state: 42)
        for round in 0..<400 {
            let count = Int.random(in: 0..<80, using: &random)
            var text = ""
            for index in 0..<count {
                if index > 0 || Bool.random(using: &random) { text += separators.randomElement(using: &random)! }
                text += vocabulary.randomElement(using: &random)!
            }
            let terms = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                vocabulary.randomElement(using: &random)!
            }
            let words = [1, 5, 32].randomElement(using: &random)!
            #expect(
                Snippet.make(text, terms: terms, words: words) == reference(text, terms: terms, words: words),
                "round \(round): \(text) / \(terms)")
        }
    }

    /// The implementation before it walked bytes: scalar views and a `String` per token.
    private func reference(_ text: String, terms: [String], words: Int) -> String {
        let stems = Set(terms.map { Stemmer.stem($0.lowercased()) })
        let tokens = text.unicodeScalars.split(whereSeparator: FullTextQuery.isSpace)
        if tokens.isEmpty { return "" }
        let matched = tokens.map { token -> Bool in
            var word = String.UnicodeScalarView()
            for scalar in token where FullTextQuery.isWordScalar(scalar) { word.append(scalar) }
            let key = String(word)
            return !key.isEmpty && stems.contains(Stemmer.stem(key.lowercased()))
        }
        let window = min(words, tokens.count)
        var best = 0
        var bestCount = -1
        for start in 0...(tokens.count - window) {
            let count = matched[start..<start + window].filter { $0 }.count
            if count > bestCount {
                bestCount = count
                best = start
            }
        }
        let parts = (best..<best + window).map { index in
            let token = String(String.UnicodeScalarView(tokens[index]))
            return matched[index] ? "[\(token)]" : token
        }
        return (best > 0 ? "…" : "") + parts.joined(separator: " ") + (best + window < tokens.count ? "…" : "")
    }
}
