import MnemeConfig
import Testing

@Suite struct TOMLParserTests {
    @Test func scalarsKeepTheirTypesAndLines() throws {
        let document = try TOMLParser.parse(
            """
            # a comment
            name = "Lumen"   # trailing comment
            count = 1_000
            hex = 0xff
            ratio = 0.25
            exp = 6e-3
            on = true
            off = false
            minus = -7
            """)
        let root = document.root
        #expect(root["name"] == TOMLNode(.string("Lumen"), line: 2))
        #expect(root["count"]?.value == .integer(1000))
        #expect(root["hex"]?.value == .integer(255))
        #expect(root["ratio"]?.value == .float(0.25))
        #expect(root["exp"]?.value == .float(0.006))
        #expect(root["on"]?.value == .boolean(true))
        #expect(root["off"]?.value == .boolean(false))
        #expect(root["minus"]?.line == 9)
        #expect(root["minus"]?.value == .integer(-7))
        #expect(root.keys == ["name", "count", "hex", "ratio", "exp", "on", "off", "minus"])
    }

    @Test func stringsDecodeEscapesAndMultilineForms() throws {
        let document = try TOMLParser.parse(
            #"""
            basic = "tab\there \"quoted\" \u00e9"
            literal = 'C:\path\no-escape'
            multi = """
            first
            second"""
            folded = """\
                one \
                two"""
            raw = '''
            keep \n as is'''
            after = 1
            """#)
        let root = document.root
        #expect(root["basic"]?.value == .string("tab\there \"quoted\" é"))
        #expect(root["literal"]?.value == .string(#"C:\path\no-escape"#))
        #expect(root["multi"]?.value == .string("first\nsecond"))
        #expect(root["folded"]?.value == .string("one two"))
        #expect(root["raw"]?.value == .string(#"keep \n as is"#))
        #expect(root["after"]?.line == 11)
    }

    @Test func tablesArraysOfTablesDottedKeysAndInlineTables() throws {
        let document = try TOMLParser.parse(
            """
            [providers.openai]
            base_url = "http://localhost:1234/v1"

            [[routes]]
            name = "a"
            match = { tenant = "acme", user_attributes = { plan = "pro" } }

            [[routes]]
            name = "b"
            fallbacks = [
              "openai:gpt-4o-mini",  # comment inside
              "offline:",
            ]
            [prices."gpt-4o-mini"]
            input.usd = 0.15
            """)
        let root = document.root
        let openai = try #require(root["providers"]?.table?["openai"])
        #expect(openai.line == 1)
        #expect(openai.table?["base_url"]?.value == .string("http://localhost:1234/v1"))
        guard case .array(let routes) = try #require(root["routes"]).value else {
            Issue.record("routes is not an array")
            return
        }
        #expect(routes.count == 2)
        #expect(routes[1].line == 8)
        let match = try #require(routes[0].table?["match"]?.table)
        #expect(match["user_attributes"]?.table?["plan"]?.value == .string("pro"))
        guard case .array(let fallbacks) = try #require(routes[1].table?["fallbacks"]).value else {
            Issue.record("fallbacks is not an array")
            return
        }
        #expect(fallbacks.map(\.value) == [.string("openai:gpt-4o-mini"), .string("offline:")])
        #expect(root["prices"]?.table?["gpt-4o-mini"]?.table?["input"]?.table?["usd"]?.value == .float(0.15))
    }

    @Test(
        arguments: [
            ("a = 1\nb 2\n", 2, "expected '='"),
            ("a = 1\na = 2\n", 2, "already defined on line 1"),
            ("[x]\nk = 1\n[x]\n", 3, "already defined"),
            ("s = \"open\nnext = 1\n", 1, "not closed"),
            ("v = hello\n", 1, "strings need quotes"),
            ("d = 2024-01-01\n", 1, "dates and times are not supported"),
            ("n = 01\n", 1, "is not a value"),
            ("n = 1__0\n", 1, "is not a value"),
            ("a = [1, 2\n", 2, "not closed"),
            ("t = { a = 1\n", 1, "expected ',' or '}'"),
            ("a = 1 b = 2\n", 1, "unexpected 'b'"),
            ("e = \"\\q\"\n", 1, "not a TOML escape"),
            ("x = 1\n[x]\n", 2, "already a integer"),
            ("[[r]]\n[r]\n", 2, "array of tables"),
            ("m = \"\"\"\nnever closed\n", 1, "never closed"),
            ("= 3\n", 1, "expected a key"),
        ] as [(String, Int, String)])
    func syntaxErrorsNameTheirLine(text: String, line: Int, fragment: String) {
        do {
            _ = try TOMLParser.parse(text, source: "bad.toml")
            Issue.record("parsed without error: \(text)")
        } catch {
            #expect(error.code == .syntax)
            let issue = error.issues.first
            #expect(issue?.line == line, "\(text): \(error)")
            #expect(issue?.message.contains(fragment) == true, "\(text): \(error)")
            #expect(error.description.hasPrefix("bad.toml:\(line): "))
        }
    }

    @Test func crlfLineEndingsAndEmptyInput() throws {
        let document = try TOMLParser.parse("a = 1\r\n\r\nb = \"x\"\r\n")
        #expect(document.root["b"]?.line == 3)
        #expect(try TOMLParser.parse("").root.entries.isEmpty)
    }

    @Test func randomBytesNeverCrashTheParser() {
        // A linear congruential generator: the same 2,000 inputs every run.
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let alphabet = Array("ab=[]{}\"'.,#\n\\ 0123x_-+eu".utf8)
        for _ in 0..<2000 {
            let length = Int(next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            _ = try? TOMLParser.parse(String(decoding: bytes, as: UTF8.self))
        }
    }
}

@Suite struct TOMLWriterTests {
    @Test(arguments: ["plain", "Say \"hi\"\n\tthen \\ leave", "control \u{01}\u{7F} and é 😀", ""])
    func stringsRoundTripThroughTheParser(text: String) throws {
        let document = try TOMLParser.parse("\(TOMLWriter.key("a b")) = \(TOMLWriter.string(text))\n")
        #expect(document.root["a b"]?.value == .string(text))
    }

    @Test func keysAreBareWhenTheyCanBe() {
        #expect(TOMLWriter.key("gpt-4o_mini") == "gpt-4o_mini")
        #expect(TOMLWriter.key("gpt-4.1") == "\"gpt-4.1\"")
    }
}
