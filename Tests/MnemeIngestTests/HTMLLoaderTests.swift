import Foundation
import Testing

@testable import MnemeIngest

@Suite struct HTMLLoaderTests {
    let uri = URL(filePath: "/tmp/page.html")

    func load(_ html: String) throws -> LoadedDocument {
        try #require(HTMLLoader().load(html, uri: uri))
    }

    @Test func wikiExportKeepsVisibleTextOnly() throws {
        let document = try DocumentLoader().load(contentsOf: Fixtures.url("wiki.html"))
        #expect(document.format == .html)
        #expect(document.title == "Office Wi-Fi & Printers – Wiki")
        #expect(
            document.sections.map(\.headingPath) == [
                [], ["Office Wi-Fi"], ["Office Wi-Fi", "Guests"],
                ["Office Wi-Fi", "Printers"],
            ])
        for hidden in [
            "font-family", "SHOULD NOT APPEAR", "secret", "not text", "Injected", "edited by wiki bot",
            "commented heading", "Enable JavaScript", "template text",
        ] {
            #expect(!document.text.contains(hidden), "\(hidden) leaked into the text")
        }
        #expect(document.sections[0].blocks.map(\.text) == ["Home » IT"])
        #expect(
            document.sections[1].blocks.map(\.text) == [
                "Network name: Lumen Staff. Password rotates every 90 days."
            ])
        #expect(
            document.sections[2].blocks.map(\.text) == [
                "Guests use Lumen-Guest — no password…",
                "Unclosed paragraph with a stray end tag and 5 < 7 > 3.",
            ])
        let printers = document.sections[3].blocks
        #expect(
            printers.map(\.text) == [
                "Name | Floor", "Heron | 2", "lpadmin -p Heron\n  -E -v ipp://heron.local",
                "© 2024 Northwind Lumen — 😀 €5",
            ])
        #expect(printers.map(\.kind) == [.paragraph, .paragraph, .code, .paragraph])
        expectRangesConsistent(document)
    }

    @Test func scriptsStylesAndTemplatesAreDroppedEvenWhenNastY() throws {
        let document = try load(
            """
            <p>before</p><SCRIPT type="module">if (a </b) { x = "</p>" }</ScRiPt ><p>middle</p>
            <style media="x">p{}</style><script src="x.js"/>hidden-by-selfclosing-script</script>
            <template><template>inner</template>still template</template><p>after</p>
            <svg><title>icon title</title><text>svg text</text></svg><p>end</p>
            """)
        #expect(document.blocks.map(\.text) == ["before", "middle", "after", "end"])
        #expect(document.title == "page")
    }

    @Test func namedEntities() {
        let cases: [(String, String)] = [
            ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"), ("a&nbsp;b", "a\u{A0}b"), ("&copy;&reg;&trade;", "©®™"),
            ("&mdash;&ndash;&hellip;", "—–…"), ("&laquo;x&raquo;", "«x»"), ("&euro;&pound;&yen;", "€£¥"),
            ("&Alpha;&alpha;&rarr;&hearts;", "Αα→♥"), ("&NotEqualTilde;", "\u{2242}\u{338}"),
            ("&copy 2024 &ampx", "© 2024 &x"), ("&notit;", "¬it;"), ("&bogus; & alone &;", "&bogus; & alone &;"),
        ]
        for (input, expected) in cases {
            #expect(HTMLEntities.decode(Array(input.utf8)[...]) == expected, "\(input)")
        }
    }

    @Test func numericEntities() {
        let cases: [(String, String)] = [
            ("&#123;", "{"), ("&#x1F600;", "😀"), ("&#X41;&#x61", "Aa"), ("&#1055;&#1088;", "Пр"),
            ("&#150;&#128;", "–€"), ("&#0;", "\u{FFFD}"), ("&#xD800;", "\u{FFFD}"),
            ("&#x110000;", "\u{FFFD}"), ("&#99999999999999999999;", "\u{FFFD}"), ("&#;&#x;", "&#;&#x;"),
        ]
        for (input, expected) in cases {
            #expect(HTMLEntities.decode(Array(input.utf8)[...]) == expected, "\(input)")
        }
    }

    @Test func brokenMarkupIsTolerated() throws {
        let document = try load(
            """
            <html><body><div><p>One <b>bold <i>mixed</b> tags</i>
            <p>Two</div></div></span></p>
            <p class="a>b" data-x='y>z'>Quoted > in attributes</p>
            <p>Dangling < sign and <3 and <!not a tag> end
            <div title="never closed>Swallowed?
            """)
        #expect(
            document.blocks.map(\.text) == [
                "One bold mixed tags", "Two", "Quoted > in attributes", "Dangling < sign and <3 and end",
                "Swallowed?",
            ])
    }

    @Test func unterminatedCommentDropsTheRest() throws {
        let document = try load("<p>kept</p><!-- never closed <p>lost</p>")
        #expect(document.blocks.map(\.text) == ["kept"])
        #expect(try load("<p>a<!---->b<!-->c</p>").blocks.map(\.text) == ["abc"])
    }

    @Test func tagCutOffAtEndOfFile() throws {
        #expect(try load("<p>text</p><a href=\"x").blocks.map(\.text) == ["text"])
        #expect(try load("x <").blocks.map(\.text) == ["x <"])
    }

    @Test func hundredThousandNestedDivsDoNotOverflowTheStack() throws {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
        let document = try load(html)
        #expect(document.blocks.map(\.text) == ["deep text"])
        let unclosed = String(repeating: "<div><span><b>", count: depth) + "<h2>Deep heading</h2>bottom"
        let second = try load(unclosed)
        #expect(second.sections.map(\.headingPath) == [["Deep heading"]])
        #expect(second.blocks.map(\.text) == ["bottom"])
    }

    @Test func headingsInlineMarkupAndUnclosedHeadings() throws {
        let document = try load("<h1>Hello <em>World</em>!</h1><h3>A<br>B</h3><h2>Open<p>Body text")
        #expect(
            document.sections.map(\.headingPath) == [
                ["Hello World!"], ["Hello World!", "A B"],
                ["Hello World!", "Open"],
            ])
        #expect(document.blocks.map(\.text) == ["Body text"])
        #expect(document.title == "Hello World!")
    }

    @Test func listsAndLineBreaksStayInOneBlock() throws {
        let document = try load("<ul><li>one<li>two</li><li>three</ul><p>a<br>b<br/>c</p>")
        #expect(document.blocks.map(\.text) == ["one\ntwo\nthree", "a\nb\nc"])
    }

    @Test func onlyMarkupMeansNoDocument() {
        #expect(HTMLLoader().load("<html><head><script>x()</script></head><body> </body></html>", uri: uri) == nil)
    }

    @Test func rcdataTitleDecodesEntitiesButNotTags() throws {
        let document = try load("<title>A &amp; <b>B</b></title><p>x</p>")
        #expect(document.title == "A & <b>B</b>")
    }
}
