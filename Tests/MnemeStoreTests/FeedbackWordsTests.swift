import Foundation
import MnemeStemming
import Testing

@testable import MnemeStore

@Suite("Feedback words")
struct FeedbackWordsTests {
    @Test("a word table numbers byte strings in order, finds them again and survives growth")
    func wordTable() {
        var table = WordTable(capacity: 4)
        func insert(_ word: String) -> (id: Int, inserted: Bool) {
            var word = word
            return word.withUTF8 { table.insert($0) }
        }
        let words = (0..<5_000).map { "w\($0)" } + ["", "a", "ab", "abc", "отпуск", "отпуска", "😀"]
        for (index, word) in words.enumerated() {
            let added = insert(word)
            #expect(added.id == index && added.inserted, "\(word) is new")
        }
        #expect(table.count == words.count)
        for (index, word) in words.enumerated() {
            let found = insert(word)
            #expect(found.id == index && !found.inserted, "\(word) is found again")
            #expect(table.string(index) == word)
        }
    }

    @Test("weights equal the per-word reference on random texts, ties by stem")
    func candidatesEqualReference() {
        let vocabulary = [
            "Turbine", "turbine", "turbines", "blade", "Blades", "the", "and", "of", "air", "AIR", "ox", "x1", "2024",
            "отпуск", "Отпуска", "отпуском", "и", "café", "cafe", "naïve", "flow", "flows", "flowing", "e", "mail",
            "compressor", "über", "😀", "don't",
        ]
        var random = SeededGenerator(state: 7)
        for round in 0..<300 {
            let feedback = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                let text = (0..<Int.random(in: 0..<60, using: &random)).map { _ in
                    vocabulary.randomElement(using: &random)!
                }.joined(separator: [" ", ", ", "—", "\n"].randomElement(using: &random)!)
                return (text: text, score: Double.random(in: 0...20, using: &random))
            }
            let excluded: Set<String> = Bool.random(using: &random) ? ["turbin", "отпуск"] : []
            let got = QueryExpansion.candidates(feedback, excluding: excluded)
            let expected = reference(feedback, excluding: excluded)
            #expect(got.map(\.key) == expected.map(\.key), "round \(round)")
            for (a, b) in zip(got, expected) {
                #expect(abs(a.weight - b.weight) <= 1e-12 * max(1, b.weight), "round \(round): \(a.key)")
                #expect(Stemmer.stem(a.word) == a.key && a.word == a.word.lowercased(), "a real word of the stem")
            }
        }
    }

    /// The implementation before stems were numbered: a dictionary of `String`s per text.
    private func reference(_ feedback: [(text: String, score: Double)], excluding excluded: Set<String>)
        -> [QueryExpansion.Candidate]
    {
        guard let best = feedback.map(\.score).max() else { return [] }
        var weights: [String: Double] = [:]
        for (text, score) in feedback {
            var counts: [String: Int] = [:]
            let total = WordScanner.forEachWord(text) { counts[$0, default: 0] += 1 }
            if total == 0 { continue }
            let share = exp(score - best) / Double(total)
            var perStem: [String: Int] = [:]
            for (word, count) in counts {
                let lower = word.lowercased()
                guard word.unicodeScalars.count >= 3, !StopWords.isStopWord(lower),
                    lower.unicodeScalars.allSatisfy(FullTextQuery.isLetter), !excluded.contains(Stemmer.stem(lower))
                else { continue }
                let key = Stemmer.stem(lower)
                perStem[key, default: 0] += count
            }
            for (key, count) in perStem { weights[key, default: 0] += share * Double(count) }
        }
        return weights.map { QueryExpansion.Candidate(word: $0.key, key: $0.key, weight: $0.value) }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.key < $1.key }
    }
}
