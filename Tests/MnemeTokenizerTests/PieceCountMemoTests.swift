import Foundation
import Testing

@testable import MnemeTokenizer

/// `Tokenizer.count(_:)` takes the counts of merged pieces from a memo: it must always equal the
/// count without one (and the length of `encodeOrdinary`), whatever the memo holds.
@Suite struct PieceCountMemoTests {
    /// Words that pre-tokenize into pieces that are not single tokens (so they reach the memo),
    /// mixed with common ones, in several scripts, with emoji, marks and digits.
    static let words = [
        "aerodynamically", "hypersonic", "boundary-layer", "Reynolds", "supersonic", "the", "of", "and",
        "отпуска", "отпуском", "неудовлетворительность", "Ёлка", "сотрудников", "naïve", "Cafés", "straße",
        "東京都", "日本語の文章", "😀", "🚀🚀", "👩‍👩‍👧‍👦", "e\u{301}", "x\u{200B}y", "don't", "I'LL", "3.14159",
        "12345678", "\u{FEFF}", "«кавычки»", "—", "…", "\t", "\n\n", "  ", "ſs", "ᾈ", "İstanbul", "ǅemal",
        String(repeating: "z", count: 40), String(repeating: "ы", count: 20), "internationalization",
    ]

    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        let count = Int.random(in: 0...60, using: &generator)
        var text = ""
        for _ in 0..<count {
            text += words.randomElement(using: &generator)!
            text += [" ", "", "\n", ". ", ", ", "  "].randomElement(using: &generator)!
        }
        return text
    }

    @Test(arguments: [EncodingName.o200kBase, .cl100kBase])
    func memoizedCountsEqualUncached(encoding: EncodingName) throws {
        let tokenizer = try Tokenizer.shared(encoding)
        var generator = SplitMix(seed: 42)
        // A tiny memo replaces slots all the time; the default one mostly hits.
        let memos = [PieceCountMemo(slotCount: 4), PieceCountMemo()]
        var mismatches: [String] = []
        for _ in 0..<2_000 {
            let text = Self.randomText(&generator)
            let expected = tokenizer.encodeOrdinary(text).count
            if tokenizer.countUncached(text) != expected { mismatches.append("uncached: \(text.debugDescription)") }
            for memo in memos {
                // Twice: the second time every merged piece comes from the memo (or its replacement).
                for _ in 0..<2 where tokenizer.count(text, memo: memo) != expected {
                    mismatches.append(text.debugDescription)
                }
            }
            if tokenizer.count(text) != expected { mismatches.append("shared: \(text.debugDescription)") }
        }
        #expect(mismatches.isEmpty)
    }

    @Test func randomBytesAgree() throws {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        var generator = SplitMix(seed: 7)
        let memo = PieceCountMemo(slotCount: 16)
        for _ in 0..<500 {
            // Random bytes repaired to valid UTF-8: pieces of every class and length, some over 32 bytes.
            let bytes = (0..<Int.random(in: 1...200, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = tokenizer.encodeOrdinary(text).count
            #expect(tokenizer.count(text, memo: memo) == expected)
            #expect(tokenizer.count(text, memo: memo) == expected)
        }
    }

    @Test func concurrentCallsAgree() async throws {
        let tokenizer = try Tokenizer.shared(.o200kBase)
        var generator = SplitMix(seed: 3)
        let texts = (0..<200).map { _ in Self.randomText(&generator) }
        let expected = texts.map { tokenizer.encodeOrdinary($0).count }
        let counted = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 { group.addTask { texts.map { tokenizer.count($0) } } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counted.count == 4)
        for counts in counted { #expect(counts == expected) }
    }
}

/// A seeded generator, so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension PieceCountMemoTests {
    @Test func equalBytesFindsEveryDifference() {
        for count in 1...40 {
            let a = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            a.withUnsafeBytes { first in
                #expect(PieceCountMemo.equalBytes(first.baseAddress!, first.baseAddress!, count))
                for position in 0..<count {
                    var b = a
                    b[position] ^= 0x40
                    b.withUnsafeBytes { second in
                        #expect(!PieceCountMemo.equalBytes(first.baseAddress!, second.baseAddress!, count))
                    }
                }
            }
        }
    }
}
