import Foundation
import MnemeStemming
import Testing

@testable import MnemeStore

@Suite struct StemMemoTests {
    private func stem(_ word: String, memo: StemMemo) -> String {
        var word = word
        return word.withUTF8 { bytes in
            memo.withStem(UnsafeRawBufferPointer(bytes)) { String(decoding: $0, as: UTF8.self) }
        }
    }

    @Test func memoizedStemsEqualTheStemmer() {
        let memo = StemMemo()
        var words = [
            "policies", "Policy", "отпуска", "отпуском", "Отпусками", "ёлка", "Cafés", "MP3", "naïve", "straße",
            "internationalization", "неудовлетворительность", String(repeating: "long", count: 10),
            String(repeating: "ы", count: 20), "o'neill", "x",
        ]
        // Enough distinct words to fill the table many times over, so slots are replaced.
        words += (0..<50_000).map { "word\($0)s" }
        var mismatches: [String] = []
        for round in 0..<2 {
            for word in words where stem(word, memo: memo) != Stemmer.stem(word) {
                mismatches.append("\(word) (round \(round))")
            }
        }
        #expect(mismatches.isEmpty)
        #expect(stem("policies", memo: memo) == "polici")
    }
}

extension StemMemoTests {
    @Test func equalBytesFindsEveryDifference() {
        for count in 1...40 {
            let a = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
            a.withUnsafeBytes { first in
                #expect(StemMemo.equalBytes(first.baseAddress!, first.baseAddress!, count))
                for position in 0..<count {
                    var b = a
                    b[position] ^= 0x01
                    b.withUnsafeBytes { second in
                        #expect(!StemMemo.equalBytes(first.baseAddress!, second.baseAddress!, count))
                    }
                }
            }
        }
    }

    @Test func hashDependsOnEveryByteAndTheLength() {
        func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { StemMemo.hash($0) } }
        let word = Array("internationalization".utf8)
        var seen = Set([hash(word)])
        for position in word.indices {
            var changed = word
            changed[position] ^= 0x20
            seen.insert(hash(changed))
        }
        seen.insert(hash(Array(word.dropLast())))
        #expect(seen.count == word.count + 2)
    }
}
