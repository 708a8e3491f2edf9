import Foundation
import MnemeIngest
import MnemeStore
import Testing

@Suite struct ChunkerTests {
    /// Counts words: simple, deterministic, and enough to test the chunker's logic.
    static let words: @Sendable (String) -> Int = { $0.split(whereSeparator: \.isWhitespace).count }

    private func load(_ markdown: String) throws -> LoadedDocument {
        try #require(MarkdownLoader().load(markdown, uri: URL(fileURLWithPath: "/handbook/test.md")))
    }

    private func paragraph(_ seed: Int, words count: Int) -> String {
        (0..<count).map { "w\(seed)x\($0)" + ($0 % 12 == 11 ? "." : "") }.joined(separator: " ")
    }

    @Test func chunksFollowHeadingsAndAddressTheTextExactly() throws {
        let markdown = """
            # Handbook

            \(paragraph(1, words: 30))

            ## Leave

            \(paragraph(2, words: 50))

            \(paragraph(3, words: 50))

            ### Sick leave

            Short: ёлка, 日本語 and emoji 👩‍💻 text.
            """
        let document = try load(markdown)
        let chunker = Chunker(configuration: .init(targetTokens: 60, overlapTokens: 0), count: Self.words)
        let chunks = chunker.chunks(of: document)
        #expect(
            chunks.map(\.headingPath) == [
                ["Handbook"], ["Handbook", "Leave"], ["Handbook", "Leave"], ["Handbook", "Leave", "Sick leave"],
            ])
        for chunk in chunks {
            #expect(String(document.text(in: chunk.startOffset..<chunk.endOffset)) == chunk.text)
            #expect(chunk.tokenCount == Self.words(chunk.text))
            #expect(chunk.tokenCount <= 60)
        }
        #expect(chunks.last?.text == "Short: ёлка, 日本語 and emoji 👩‍💻 text.")
    }

    @Test func longParagraphsSplitAtSentencesNeverInsideWords() throws {
        let long = paragraph(7, words: 500)
        let document = try load("# Title\n\n\(long)\n")
        let chunker = Chunker(configuration: .init(targetTokens: 50, overlapTokens: 12), count: Self.words)
        let chunks = chunker.chunks(of: document)
        #expect(chunks.count >= 10)
        let scalars = Array(document.text.unicodeScalars)
        for chunk in chunks {
            #expect(chunk.tokenCount <= 50)
            #expect(chunk.startOffset == 0 || scalars[chunk.startOffset - 1].properties.isWhitespace)
            #expect(chunk.endOffset == scalars.count || scalars[chunk.endOffset].properties.isWhitespace)
        }
        // Every word is in some chunk, and consecutive chunks overlap by whole sentences.
        let covered = Set(chunks.flatMap { $0.text.split(separator: " ").map(String.init) })
        for word in long.split(separator: " ") { #expect(covered.contains(String(word))) }
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(next.startOffset < previous.endOffset, "overlap")
            #expect(next.startOffset > previous.startOffset, "progress")
            let shared = previous.endOffset - next.startOffset
            let overlapText = String(document.text(in: next.startOffset..<previous.endOffset))
            #expect(shared > 0 && Self.words(overlapText) <= 12)
        }
    }

    @Test func pathologicalInputsDoNotCrash() throws {
        let noSpaces = String(repeating: "a", count: 100_000)
        let document = try load("# T\n\n\(noSpaces)\n")
        let chunks = Chunker(configuration: .init(targetTokens: 20), count: { $0.utf8.count / 4 }).chunks(of: document)
        #expect(chunks.count == 1, "a single word longer than the target stays whole")
        #expect(chunks[0].text == noSpaces)

        let sentences = String(repeating: "Go. ", count: 20_000)
        let many = Chunker(configuration: .init(targetTokens: 100, overlapTokens: 10), count: Self.words)
            .chunks(of: try load(sentences))
        #expect(many.allSatisfy { $0.tokenCount <= 100 })
        #expect(many.count >= 200)
    }
}
