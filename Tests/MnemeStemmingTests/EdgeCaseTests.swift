import Testing

@testable import MnemeStemming

@Suite("Edge cases")
struct EdgeCaseTests {
    @Test("Empty and one-letter words are returned as they are")
    func tinyWords() {
        for stem in [Stemmer.stem, EnglishStemmer.stem, RussianStemmer.stem] {
            #expect(stem("") == "")
        }
        #expect(Stemmer.stem("a") == "a")
        #expect(Stemmer.stem("y") == "y")
        #expect(Stemmer.stem("я") == "я")
        #expect(Stemmer.stem("Я") == "я")
        #expect(Stemmer.stem("ё") == "е")
        #expect(Stemmer.stem("'") == "'")
        #expect(EnglishStemmer.stem("is") == "is")
    }

    @Test("Very long words: no crash, same result as the reference")
    func longWords() {
        // Expected values checked against snowballstemmer 3.1.1.
        let english: [(String, String)] = [
            (String(repeating: "a", count: 10_000), String(repeating: "a", count: 10_000)),
            (String(repeating: "y", count: 10_000), String(repeating: "y", count: 9_999) + "i"),
            (String(repeating: "b", count: 9_997) + "ies", String(repeating: "b", count: 9_997) + "i"),
            (String(repeating: "yay", count: 3_000) + "ing", String(repeating: "yay", count: 3_000)),
            (String(repeating: "x", count: 10_000) + "ational", String(repeating: "x", count: 10_000) + "ation"),
        ]
        for (word, expected) in english {
            #expect(EnglishStemmer.stem(word) == expected)
            #expect(Stemmer.stem(word) == expected)
        }
        let russian: [(String, String)] = [
            (String(repeating: "о", count: 10_000), String(repeating: "о", count: 9_999)),
            (String(repeating: "ё", count: 10_000), String(repeating: "е", count: 9_998)),
            (String(repeating: "ст", count: 5_000) + "ость", String(repeating: "ст", count: 5_000) + "ост"),
            (String(repeating: "д", count: 9_990) + "остями", String(repeating: "д", count: 9_990) + "ост"),
        ]
        for (word, expected) in russian {
            #expect(RussianStemmer.stem(word) == expected)
            #expect(Stemmer.stem(word) == expected)
        }
        let mixed = String(repeating: "ab1", count: 4_000)
        #expect(Stemmer.stem(mixed) == mixed)
    }

    @Test("Possessive apostrophes (ASCII and typographic)")
    func apostrophes() {
        #expect(Stemmer.stem("dog's") == "dog")
        #expect(Stemmer.stem("dogs'") == "dog")
        #expect(Stemmer.stem("dog’s") == "dog")
        #expect(Stemmer.stem("'dog") == "dog")
        #expect(EnglishStemmer.stem("dog's") == "dog")
        #expect(Stemmer.stem("д'артаньян") == "д'артаньян")
    }

    @Test("Digits, hyphens, punctuation and mixed scripts are only lower-cased")
    func unchangedTokens() {
        #expect(Stemmer.stem("mp3") == "mp3")
        #expect(Stemmer.stem("MP3") == "mp3")
        #expect(Stemmer.stem("2024") == "2024")
        #expect(Stemmer.stem("well-known") == "well-known")
        #expect(Stemmer.stem("Running-Shoes") == "running-shoes")
        #expect(Stemmer.stem("c++") == "c++")
        #expect(Stemmer.stem("отпуск2024") == "отпуск2024")
        #expect(Stemmer.stem("iPhoneы") == "iphoneы")
        #expect(Stemmer.stem("Café2") == "café2")
        #expect(Stemmer.stem("東京") == "東京")
        #expect(Stemmer.stem("ΣΟΦΊΑ") == "σοφία")
        #expect(Stemmer.stem("🙂🙂") == "🙂🙂")
        #expect(Stemmer.stem("'''") == "'''")
    }

    @Test("Upper case is lower-cased before stemming")
    func upperCase() {
        #expect(Stemmer.stem("Running") == "run")
        #expect(Stemmer.stem("CONNECTIONS") == "connect")
        #expect(Stemmer.stem("ОТПУСКАМИ") == "отпуск")
        #expect(Stemmer.stem("Ёлками") == "елк")
        // The language stemmers themselves, like the reference, do not lower-case.
        #expect(EnglishStemmer.stem("Running") == "Run")
    }

    @Test("Latin diacritics are folded before English stemming")
    func latinFolding() {
        #expect(Stemmer.stem("café") == "cafe")
        #expect(Stemmer.stem("Cafés") == "cafe")
        #expect(Stemmer.stem("naïve") == "naiv")
        #expect(Stemmer.stem("über") == "uber")
        #expect(Stemmer.stem("straße") == "strass")
        #expect(Stemmer.stem("øre") == "ore")
        #expect(Stemmer.stem("æsthetic") == "aesthet")
        #expect(Stemmer.stem("Œuvres") == "oeuvr")
        #expect(Stemmer.stem("þing") == "thing")
        #expect(Stemmer.stem("łódź") == "lodz")
        #expect(Stemmer.stem("Việt") == "viet")
        #expect(Stemmer.stem("cafe\u{301}s") == "cafe")  // decomposed é
        #expect(Stemmer.stem("résumés") == Stemmer.stem("resumes"))
    }

    @Test("Cyrillic й is kept, ё becomes е, stress marks are dropped")
    func cyrillicLetters() {
        #expect(Stemmer.stem("йогурт") == "йогурт")
        #expect(Stemmer.stem("музей") == RussianStemmer.stem("музей"))
        #expect(Stemmer.stem("чай") == "ча")
        #expect(Stemmer.stem("чаи\u{306}") == "ча")  // decomposed й
        #expect(Stemmer.stem("ёлка") == Stemmer.stem("елка"))
        #expect(Stemmer.stem("ещё") == "ещ")
        #expect(Stemmer.stem("молоко\u{301}") == Stemmer.stem("молоко"))
        #expect(RussianStemmer.stem("ёлками") == "елк")
    }

    @Test("Malformed UTF-8 is passed through unchanged")
    func malformedUTF8() {
        let bytes: [UInt8] = [0x64, 0x6F, 0xFF, 0x67, 0x73]
        let out = bytes.withUnsafeBytes { raw in
            Stemmer.withStemmedUTF8(raw) { Array($0) }
        }
        #expect(out == bytes)
        let truncated: [UInt8] = [0xD0, 0xBE, 0xD1]  // "о" + half a letter
        let out2 = truncated.withUnsafeBytes { raw in Stemmer.withStemmedUTF8(raw) { Array($0) } }
        #expect(out2 == truncated)
    }

    @Test("Non-letter input to the language stemmers never crashes")
    func nonLetters() {
        #expect(EnglishStemmer.stem("hyphen-ated") == "hyphen-")
        #expect(EnglishStemmer.stem("dog2s") == "dog2")
        #expect(EnglishStemmer.stem("🙂🙂🙂ing") == "🙂🙂🙂ing")
        #expect(RussianStemmer.stem("отпуск-ами") == "отпуск-")
        #expect(RussianStemmer.stem("\u{0}\u{0}") == "\u{0}\u{0}")
    }
}

@Suite("UTF-8 buffer API")
struct UTF8BufferTests {
    @Test("stem(utf8:into:) writes the same stem as stem(_:) within the advertised bound")
    func intoBuffer() {
        for token in ["Отпусками", "Straße", "connections", "İstanbul-2", "ǅemal", "", "ёжик", "x"] {
            let bytes = Array(token.utf8)
            let capacity = Stemmer.maximumStemByteCount(forTokenByteCount: bytes.count)
            var output = [UInt8](repeating: 0, count: capacity)
            let count = bytes.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { Stemmer.stem(utf8: input, into: $0) }
            }
            #expect(count <= capacity)
            #expect(String(decoding: output[0..<count], as: UTF8.self) == Stemmer.stem(token), "\(token)")
        }
        #expect(Stemmer.stem("İstanbul-2") == "i̇stanbul-2")
    }
}
