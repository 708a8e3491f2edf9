import Testing

@testable import MnemeStemming

@Suite("Stop words")
struct StopWordsTests {
    @Test("Snowball list sizes")
    func sizes() {
        #expect(StopWords.english.count == 174)
        #expect(StopWords.russian.count == 159)
    }

    @Test("English stop words")
    func english() {
        for word in ["the", "a", "and", "ourselves", "don't", "mustn't", "very", "ought", "i"] {
            #expect(StopWords.isStopWord(word), "\(word)")
            #expect(StopWords.isEnglishStopWord(word), "\(word)")
        }
        #expect(StopWords.isStopWord("The"))
        #expect(StopWords.isStopWord("DON’T"))
        for word in ["vacation", "run", "policy", "", "th", "theirselves"] {
            #expect(!StopWords.isStopWord(word), "\(word)")
        }
    }

    @Test("Russian stop words")
    func russian() {
        for word in ["и", "в", "не", "что", "только", "между", "еще", "ее", "сказала", "жизнь"] {
            #expect(StopWords.isStopWord(word), "\(word)")
            #expect(StopWords.isRussianStopWord(word), "\(word)")
        }
        #expect(StopWords.isStopWord("ещё"))
        #expect(StopWords.isStopWord("Её"))
        #expect(StopWords.isStopWord("ТОЛЬКО"))
        #expect(!StopWords.isEnglishStopWord("и"))
        for word in ["отпуск", "работа", "ёлка"] {
            #expect(!StopWords.isStopWord(word), "\(word)")
        }
    }
}
