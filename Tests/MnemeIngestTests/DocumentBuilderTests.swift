import Testing

@testable import MnemeIngest

@Suite struct DocumentBuilderTests {
    @Test func trimmingKeepsInnerLinesAndIndentation() {
        #expect(DocumentBuilder.trimWhitespace(" \n  a \u{A0}\n  b\u{3000}\u{2003}\n\n c \n\n") == "a\n  b\n\n c")
        #expect(DocumentBuilder.trimBlankLines(" \n\n    code\u{A0}\n  more  \n \n") == "    code\n  more")
        #expect(DocumentBuilder.trimWhitespace("Привет — мир\u{2014}") == "Привет — мир\u{2014}")
        #expect(DocumentBuilder.trimWhitespace(" \t\n ") == "")
    }

    @Test func headingsPopToTheirLevelAndIgnoreEmptyTitles() {
        var builder = DocumentBuilder()
        builder.heading("A", level: 2)
        builder.heading("   ", level: 1)
        builder.heading("B", level: 4)
        builder.heading("C", level: 3)
        builder.heading("D", level: 1)
        #expect(builder.sections.map(\.headingPath) == [["A"], ["A", "B"], ["A", "C"], ["D"]])
        #expect(builder.firstH1 == "D")
        #expect(builder.text == "A\n\nB\n\nC\n\nD")
    }
}
