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
