import Foundation
import Testing

@testable import MnemeIngest

/// The byte-level fast paths of loading give what the scalar-by-scalar code gives, on random
/// text with ASCII, Cyrillic, CJK, emoji, marks, and every kind of white space and line break.
@Suite struct TextFastPathTests {
    static let pieces = [
        "a", "Word", "отпуск", "Ёж", "東京", "😀", "👩‍👩‍👧‍👦", "e\u{301}", "x", "1.5", "#", "-", "*", "[", "]",
        " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}",
        "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "«", "©", "…", ".", "!", "?", "。",
        "！", "？", "ぁ", "\u{FEFF}",
    ]

    static func randomTexts(seed: UInt64, count: Int = 3_000) -> [String] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
        }
    }

    @Test func normalizeInlineFastPathMatchesTheScalarLoop() {
        for text in Self.randomTexts(seed: 1) {
            #expect(DocumentBuilder.normalizeInline(text) == DocumentBuilder.collapseWhitespace(text))
        }
        #expect(DocumentBuilder.isNormalInline("Plain title with single spaces"))
        #expect(!DocumentBuilder.isNormalInline(" leading"))
        #expect(!DocumentBuilder.isNormalInline("two  spaces"))
        #expect(!DocumentBuilder.isNormalInline("no\u{A0}break"))
    }

    @Test func scalarCountMatchesTheStandardLibrary() {
        for text in Self.randomTexts(seed: 2) {
            #expect(DocumentBuilder.scalarCount(text) == text.unicodeScalars.count)
        }
    }

    @Test func linesMatchSplittingTheUTF8View() {
        for text in Self.randomTexts(seed: 3) + ["", "\n", "\n\n", "a\n", "\na"] {
            let expected = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
            #expect(DocumentBuilder.lines(text) == expected)
        }
    }

    @Test func sentencesEndWhereTheyDid() {
        // The rule as it was written before the switch: by scalar sets and Unicode's White_Space.
        func reference(_ scalar: Unicode.Scalar, _ next: Unicode.Scalar?) -> Bool {
            if scalar == "\n" { return true }
            guard "。！？".unicodeScalars.contains(scalar) || ".!?…".unicodeScalars.contains(scalar) else {
                return false
            }
            return next == nil || next!.properties.isWhitespace || "。！？".unicodeScalars.contains(scalar)
        }
        for text in Self.randomTexts(seed: 4) {
            let scalars = Array(text.unicodeScalars)
            var expected: [Int] = []
            for (index, scalar) in scalars.enumerated()
            where reference(scalar, index + 1 < scalars.count ? scalars[index + 1] : nil) {
                expected.append(index)
            }
            // Each sentence ends at a break (or at the end of the text), and only there.
            let ends = Set(expected.map { scalars[$0] == "\n" ? $0 : $0 + 1 })
            for piece in TextSplitter.sentences(in: text, base: 0) {
                #expect(ends.contains(piece.range.upperBound) || piece.range.upperBound == scalars.count)
            }
        }
    }

    @Test func decodingMatchesTheStandardLibrary() {
        for text in Self.randomTexts(seed: 5) {
            let bytes = Array(text.utf8)
            let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            switch TextDecoder.decode(bytes) {
            case .text(let decoded, let encoding):
                // A leading BOM is dropped; a control-heavy text may be binary, never garbled.
                let body = expected.hasPrefix("\u{FEFF}") ? String(expected.dropFirst()) : expected
                #expect(decoded.unicodeScalars.elementsEqual(body.unicodeScalars))
                #expect(encoding == .utf8)
            case .binary(let kind):
                #expect(kind == "control characters")
            }
        }
        #expect(TextDecoder.containsCR("a\r\nb"))
        #expect(!TextDecoder.containsCR("a\nb"))
    }

    @Test func fileReaderReadsWholeFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SplitMix(seed: 6)
        for size in [0, 1, 4095, 4096, 4097, 100_000] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let file = folder.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: file)
            #expect(FileReader.contents(atPath: file.path) == bytes)
        }
        #expect(FileReader.contents(atPath: folder.appendingPathComponent("missing").path) == nil)
        #expect(FileReader.contents(atPath: folder.path) == nil)
    }
}

extension TextFastPathTests {
    @Test func trimmingReturnsUnchangedTextOnlyWhenCopyingWouldToo() {
        var unchanged = 0
        for text in Self.randomTexts(seed: 8) + ["", "a", " a", "a ", "\na", "a\n", "a\n\nb", "a \nb", "  code\nmore"] {
            for keep in [false, true] {
                let trimmed = keep ? DocumentBuilder.trimBlankLines(text) : DocumentBuilder.trimWhitespace(text)
                #expect(trimmed == DocumentBuilder.trimCopying(text, keepFirstIndent: keep))
                if trimmed == text { unchanged += 1 }
            }
        }
        // Both branches ran.
        #expect(unchanged > 10)
    }
}
