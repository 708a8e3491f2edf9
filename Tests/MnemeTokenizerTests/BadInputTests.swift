import Testing

@testable import MnemeTokenizer

@Suite("bad and extreme input")
struct BadInputTests {
    @Test("invalid UTF-8 is repaired with U+FFFD before encoding", arguments: EncodingName.allCases)
    func invalidUTF8(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x63, 0xF0, 0x9F, 0x98]
        let ids = tokenizer.encodeOrdinary(bytes: bytes)
        let repaired = String(decoding: bytes, as: UTF8.self)
        #expect(repaired.unicodeScalars.filter { $0 == "\u{FFFD}" }.count >= 4)
        #expect(ids == tokenizer.encodeOrdinary(repaired))
        #expect(try tokenizer.decode(ids) == repaired)
    }

    @Test("lone surrogates arrive as U+FFFD", arguments: EncodingName.allCases)
    func loneSurrogates(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        let utf16: [UInt16] = [0x0061, 0xD800, 0x0062, 0xDC00]
        let text = String(decoding: utf16, as: UTF16.self)
        #expect(text == "a\u{FFFD}b\u{FFFD}")
        #expect(try tokenizer.decode(tokenizer.encodeOrdinary(text)) == text)
    }

    @Test("NUL and control characters are ordinary text", arguments: EncodingName.allCases)
    func nulBytes(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        let text = "\u{0}a\u{0}\u{0}b\u{1}\u{7F}\u{0}"
        let ids = tokenizer.encodeOrdinary(text)
        #expect(!ids.isEmpty)
        #expect(try tokenizer.decodeBytes(ids) == Array(text.utf8))
    }

    @Test("decoding a token list cut inside a character gives U+FFFD")
    func partialDecode() throws {
        let tokenizer = try Tokenizer.shared(.cl100kBase)
        let ids = tokenizer.encodeOrdinary("😀")
        #expect(ids.count == 2)
        #expect(try tokenizer.decode([ids[0]]).unicodeScalars.allSatisfy { $0 == "\u{FFFD}" })
        #expect(try tokenizer.decode(ids) == "😀")
    }

    @Test func invalidTokenIds() throws {
        let tokenizer = try Tokenizer.shared(.cl100kBase)
        for bad in [-1, 100_256, 100_261, 300_000] {
            let error = try #require(throws: TokenizerError.self) { try tokenizer.decode([15339, bad]) }
            #expect(error.code == .invalidToken)
        }
        #expect(try tokenizer.decode([100257]) == "<|endoftext|>")
    }

    @Test("a long single line (2 MB, no spaces) round-trips", arguments: EncodingName.allCases)
    func longLine(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        let line = String(repeating: "abc123,;Żółw漢😀", count: 80_000)
        let ids = tokenizer.encodeOrdinary(line)
        #expect(tokenizer.count(line) == ids.count)
        #expect(try tokenizer.decode(ids) == line)
    }

    @Test func emptyInput() throws {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        #expect(tokenizer.encodeOrdinary("").isEmpty)
        #expect(tokenizer.count("") == 0)
        #expect(try tokenizer.encode("", allowedSpecial: .all).isEmpty)
        #expect(try tokenizer.decode([]) == "")
    }
}
