import Foundation
import Testing

@testable import MnemeIngest

@Suite struct MarkdownLoaderTests {
    let uri = URL(filePath: "/tmp/doc.md")

    func load(_ markdown: String) throws -> LoadedDocument {
        try #require(MarkdownLoader().load(markdown, uri: uri))
    }

    @Test func headingPathsFollowTheOutline() throws {
        let document = try load(
            """
            # A
            a
            ## B
            b
            ### C
            c
            ## D
            d
            # E
            e
            ### F
            f
            ## G
            g
            """)
        let paths = document.sections.map(\.headingPath)
        #expect(
            paths == [["A"], ["A", "B"], ["A", "B", "C"], ["A", "D"], ["E"], ["E", "F"], ["E", "G"]])
        #expect(document.sections.map(\.headingLevel) == [1, 2, 3, 2, 1, 3, 2])
        #expect(document.sections.map { $0.blocks.map(\.text) } == [["a"], ["b"], ["c"], ["d"], ["e"], ["f"], ["g"]])
        expectRangesConsistent(document)
    }

    @Test func atxClosingHashesAndHashtags() throws {
        let document = try load("## Setup ##\n#hashtag is text\n####### seven is text\n   # Indented #")
        #expect(document.sections.map(\.headingPath) == [["Setup"], ["Indented"]])
        #expect(document.sections[0].blocks.map(\.text) == ["#hashtag is text\n####### seven is text"])
    }

    @Test func setextHeadings() throws {
        let document = try load("Title\n=====\n\nIntro\n\nPart one\n---\nBody\n\n---\n\nAfter a rule")
        #expect(document.sections.map(\.headingPath) == [["Title"], ["Title", "Part one"]])
        #expect(document.sections[1].blocks.map(\.text) == ["Body", "After a rule"])
        #expect(document.title == "Title")
    }

    @Test func fencedCodeIsTextNotHeadings() throws {
        let document = try load(
            """
            # Real
            ```bash
            # not a heading
            ## nor this

            echo done
            ```
            ~~~~
            # tilde fence
            ```
            still code
            ~~~~
            After
            """)
        #expect(document.sections.count == 1)
        let blocks = document.sections[0].blocks
        #expect(blocks.map(\.kind) == [.code, .code, .paragraph])
        #expect(blocks[0].text == "# not a heading\n## nor this\n\necho done")
        #expect(blocks[1].text == "# tilde fence\n```\nstill code")
        expectRangesConsistent(document)
    }

    @Test func unclosedFenceRunsToTheEnd() throws {
        let document = try load("Intro\n\n```\n# inside\ntext")
        #expect(document.blocks.map(\.kind) == [.paragraph, .code])
        #expect(document.blocks[1].text == "# inside\ntext")
        #expect(document.sections.allSatisfy { $0.headingLevel == nil })
    }

    @Test func frontMatterGivesTitleAndIsNotText() throws {
        let document = try load("---\ntitle: 'Vacation Policy'\ntags: [hr]\n---\n# Leave\nText")
        #expect(document.title == "Vacation Policy")
        #expect(!document.text.contains("tags"))
        let toml = try load("+++\ntitle = \"TOML Title\"\n+++\nBody")
        #expect(toml.title == "TOML Title")
    }

    @Test func titleFallsBackToFirstH1ThenFileName() throws {
        #expect(try load("## Sub\n# Main\ntext").title == "Main")
        #expect(try load("plain words").title == "doc")
    }

    @Test func inlineMarkupIsSimplified() throws {
        let document = try load(
            "Read **the [VPN guide](https://x.test/vpn)** and ![diagram](d.png), run `wg up`, \\*literal\\*.\n\n"
                + "[ref]: https://x.test")
        #expect(document.blocks.map(\.text) == ["Read the VPN guide and diagram, run wg up, *literal*."])
    }

    @Test func textBeforeTheFirstHeadingHasAnEmptyPath() throws {
        let url = try Fixtures.url("guide.md")
        let document = try DocumentLoader().load(contentsOf: url)
        #expect(document.format == .markdown)
        #expect(document.title == "Beacon Field Guide")
        #expect(document.sections[0].headingPath == [])
        #expect(document.sections[0].blocks.map(\.text) == ["Intro paragraph before any heading."])
        #expect(
            document.sections.map(\.headingPath).dropFirst() == [
                ["Beacon"], ["Beacon", "Setup"], ["Beacon", "Setup", "Pairing"], ["Beacon", "Maintenance"],
                ["Troubleshooting"], ["Troubleshooting", "Known issues"],
            ])
        let pairing = document.sections[3]
        #expect(pairing.blocks.last?.kind == .code)
        #expect(pairing.blocks.last?.text.hasPrefix("# this is a shell comment") == true)
        expectRangesConsistent(document)
    }

    @Test func rangesCountUnicodeScalars() throws {
        let document = try load("# Отпуск 🏖️\n\nДвадцать восемь дней 😀.\n\nКонец")
        let last = try #require(document.blocks.last)
        #expect(last.text == "Конец")
        // "Отпуск 🏖️" is 9 scalars (🏖 + VS16), "Двадцать восемь дней 😀." is 23; two separators of 2.
        #expect(last.range == 36..<41)
        expectRangesConsistent(document)
    }

    @Test func lineTrimmingMatchesFoundationsWhitespaceTrimming() {
        let lines = [
            "", " ", "\t \t", "---", "  ---  ", "\t+++\t", "\u{00A0}title: Hello\u{3000}", " a b ", "\u{2003}x\u{2009}",
            "\n x \n", "é ", " ё", "\u{200B}zero width\u{200B}", "a\u{0301} ",
        ]
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let line = Substring("\(scalar)a\(scalar)")
            if String(MarkdownLoader.trimmed(line)) != line.trimmingCharacters(in: .whitespaces) {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.map { String($0, radix: 16) })")
        for line in lines {
            let padded = "<" + line + ">"
            let inner = padded.dropFirst().dropLast()
            #expect(
                String(MarkdownLoader.trimmed(inner)) == inner.trimmingCharacters(in: .whitespaces),
                "\(line.debugDescription)")
        }
    }
}
