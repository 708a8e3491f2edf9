import Testing

@testable import MnemeStemming

/// Golden vectors produced by the reference implementation (`snowballstemmer` 3.1.1) via
/// scripts/gen_fixtures.py: every word must stem identically.
@Suite("Golden vectors vs snowballstemmer")
struct GoldenVectorTests {
    @Test("English fixture: zero mismatches")
    func english() throws {
        let pairs = try FixtureLoader.pairs("english")
        #expect(pairs.count >= 3000)
        let mismatches = pairs.filter { EnglishStemmer.stem($0.word) != $0.stem }
        for m in mismatches.prefix(20) {
            Issue.record("line \(m.line): \(m.word) -> \(EnglishStemmer.stem(m.word)), expected \(m.stem)")
        }
        #expect(mismatches.isEmpty)
    }

    @Test("Russian fixture: zero mismatches")
    func russian() throws {
        let pairs = try FixtureLoader.pairs("russian")
        #expect(pairs.count >= 3000)
        let mismatches = pairs.filter { RussianStemmer.stem($0.word) != $0.stem }
        for m in mismatches.prefix(20) {
            Issue.record("line \(m.line): \(m.word) -> \(RussianStemmer.stem(m.word)), expected \(m.stem)")
        }
        #expect(mismatches.isEmpty)
    }

    @Test("Stemmer entry point agrees with the fixtures (String and UTF-8 paths)")
    func entryPoint() throws {
        for name in ["english", "russian"] {
            for pair in try FixtureLoader.pairs(name) where pair.word.unicodeScalars.contains(where: isLetter) {
                #expect(Stemmer.stem(pair.word) == pair.stem, "\(name) line \(pair.line): \(pair.word)")
                var word = pair.word
                let viaBuffer = word.withUTF8 { bytes in
                    Stemmer.withStemmedUTF8(UnsafeRawBufferPointer(bytes)) { String(decoding: $0, as: UTF8.self) }
                }
                #expect(viaBuffer == pair.stem, "\(name) line \(pair.line): \(pair.word) (UTF-8 path)")
            }
        }
    }

    @Test("Words required to share a stem")
    func sharedStems() {
        let groups: [[String]] = [
            ["отпуск", "отпуска", "отпуском", "отпуске", "отпусков", "отпусками", "отпускам", "отпусках"],
            ["run", "running", "runs"],
            ["policy", "policies"],
            ["connection", "connected", "connecting", "connections", "connect"],
        ]
        for group in groups {
            let stems = Set(group.map(Stemmer.stem))
            #expect(stems.count == 1, "\(group) -> \(stems)")
        }
        #expect(Stemmer.stem("отпусками") == "отпуск")
        #expect(Stemmer.stem("running") == "run")
        #expect(Stemmer.stem("policies") == "polici")
        #expect(Stemmer.stem("connecting") == "connect")
    }

    private func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x61...0x7A).contains(scalar.value) || (0x430...0x451).contains(scalar.value)
    }
}
