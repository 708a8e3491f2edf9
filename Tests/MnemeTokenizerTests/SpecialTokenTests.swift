import Testing

@testable import MnemeTokenizer

@Suite("special tokens")
struct SpecialTokenTests {
    @Test func disallowedByDefault() throws {
        let tokenizer = try Tokenizer.shared(.cl100kBase)
        let error = try #require(throws: TokenizerError.self) { try tokenizer.encode("hi <|endoftext|>") }
        #expect(error.code == .disallowedSpecialToken)
        #expect(error.message.contains("<|endoftext|>"))
    }

    @Test func allowedAllAndSubset() throws {
        let tokenizer = try Tokenizer.shared(.cl100kBase)
        #expect(try tokenizer.encode("<|endoftext|>", allowedSpecial: .all) == [100257])
        #expect(try tokenizer.encode("<|endoftext|><|endofprompt|>", allowedSpecial: .all) == [100257, 100276])
        // Allowed subset: the other special token is still disallowed by the default "all minus allowed".
        #expect(throws: TokenizerError.self) {
            try tokenizer.encode("<|endoftext|><|fim_prefix|>", allowedSpecial: ["<|endoftext|>"])
        }
        // Neither allowed nor disallowed: encoded as ordinary text.
        let mixed = try tokenizer.encode(
            "a<|endoftext|>b<|fim_prefix|>", allowedSpecial: ["<|endoftext|>"], disallowedSpecial: .none)
        let expected =
            tokenizer.encodeOrdinary("a") + [100257] + tokenizer.encodeOrdinary("b<|fim_prefix|>")
        #expect(mixed == expected)
        #expect(mixed.contains(100258) == false)
    }

    @Test func disallowedNoneEncodesAsText() throws {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let text = "x<|endoftext|>y"
        #expect(try tokenizer.encode(text, disallowedSpecial: .none) == tokenizer.encodeOrdinary(text))
        #expect(!tokenizer.encodeOrdinary(text).contains(199999))
    }

    @Test func explicitDisallowedSet() throws {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        #expect(throws: TokenizerError.self) {
            try tokenizer.encode("<|endofprompt|>", disallowedSpecial: ["<|endofprompt|>"])
        }
        // Only <|endofprompt|> is disallowed: <|endoftext|> is plain text.
        let ids = try tokenizer.encode("<|endoftext|>", disallowedSpecial: ["<|endofprompt|>"])
        #expect(ids == tokenizer.encodeOrdinary("<|endoftext|>"))
    }

    @Test func chunkBoundariesActAsTextEnds() throws {
        // tiktoken splits the text at allowed specials and pre-tokenizes each chunk on its own, so trailing
        // whitespace before a special token is matched with `\s+$` semantics.
        let tokenizer = try Tokenizer.shared(.cl100kBase)
        let ids = try tokenizer.encode("a  \n  <|endoftext|>b", allowedSpecial: .all)
        #expect(ids == tokenizer.encodeOrdinary("a  \n  ") + [100257] + tokenizer.encodeOrdinary("b"))
        #expect(try tokenizer.decode(ids) == "a  \n  <|endoftext|>b")
    }

    @Test func specialTokenTable() throws {
        let cl100k = try Tokenizer.shared(.cl100kBase)
        #expect(cl100k.specialTokens["<|fim_suffix|>"] == 100260)
        #expect(cl100k.maxTokenValue == 100276)
        #expect(try Tokenizer.shared(.o200kBase).maxTokenValue == 200018)
        #expect(cl100k.tokenID(for: Array("<|endoftext|>".utf8)) == 100257)
        #expect(cl100k.tokenID(for: Array("hello".utf8)) == 15339)
        #expect(cl100k.tokenID(for: Array("hello world".utf8)) == nil)
    }
}
