import MnemeContext
import MnemeTokenizer
import Testing

/// The Engine counts the system text line by line with OpenAI's encodings
/// (``ContextBuilder/countsAddUpAtLineStarts``): the sum must be the count of the whole text.
@Suite struct LineStartCountingTests {
    static let palette = [
        "word", "Word", "WORD", "it's", "'s", "x1", "123456", "3.14", ".", ",", "!?", "...", "/", "//", "a/b", "-",
        "—", "«", "»", "(", ")", "[", "]", "<document id=\"1\">", "</document>", "#", "##", "- ", ": ", "отпуск",
        "Отпуска", "日本語", "é", "e\u{301}", "😀", "👍🏽", "\u{300}", " ", "  ", "\t", "\n", "\n", "\n\n", "\r\n",
        "\r", "\u{A0}", "\u{2028}", "\u{3000}", "\n/", "\n ", " \n", ".\n", "\n.", "'", "\"",
    ]

    @Test("o200k and cl100k counts add up at the line starts the builder cuts at", arguments: EncodingName.allCases)
    func segmentsAddUp(_ encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        var random = SplitMix(state: 2026)
        var boundaries = 0
        for round in 0..<3_000 {
            let text = (0..<Int.random(in: 0..<40, using: &random)).map { _ in
                Self.palette.randomElement(using: &random)!
            }.joined()
            let segments = ContextBuilder.lineStartSegments(of: text)
            #expect(segments.joined() == text, "round \(round)")
            boundaries += segments.count - 1
            let sum = segments.reduce(0) { $0 + tokenizer.count(String($1)) }
            #expect(sum == tokenizer.count(text), "round \(round): \(text.debugDescription)")
        }
        #expect(boundaries > 3_000, "the texts have many line starts")
    }

    @Test("the exceptions are needed: a cut before `/` or white space would change the count")
    func exceptionsAreNeeded() throws {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        func adds(_ left: String, _ right: String) -> Bool {
            tokenizer.count(left + right) == tokenizer.count(left) + tokenizer.count(right)
        }
        let lines = ["end.\n", "a)\n", "x:\n", "…\n", "?\n", "end\n", "a \n", "1.\n", "-->\n"]
        let slashes = ["/path", "//", "/\n", "/.", "/ x", "/*", "/>"]
        #expect(lines.contains { line in slashes.contains { !adds(line, $0) } }, "a line feed and a slash join")
        let spaces = [" x", "  x", "\n", "\tx", " \n", "\n\n", "\r\n"]
        #expect(lines.contains { line in spaces.contains { !adds(line, $0) } }, "white space runs join")
        #expect(!adds("end.", "\nnext") || !adds("end?", "\n\nnext"), "no cut before a line feed")
        #expect(adds("end.\n", "next") && adds("- key: value\n", "- other: x"))
        #expect(
            ContextBuilder.lineStartSegments(of: "a\nb\n/c\n d\n\ne").map(String.init) == ["a\n", "b\n/c\n d\n\n", "e"])
        #expect(ContextBuilder.lineStartSegments(of: "").map(String.init) == [""])
    }
}

/// SplitMix64: the same texts on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
