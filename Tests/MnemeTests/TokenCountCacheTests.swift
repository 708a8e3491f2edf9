import MnemeTokenizer
import Testing

@testable import Mneme

@Suite struct TokenCountCacheTests {
    /// A counter that records what it was asked: one token per word.
    final class Recorder: @unchecked Sendable {
        var asked: [String] = []
        func count(_ text: String) -> Int {
            asked.append(text)
            return text.split(separator: " ").count
        }
    }

    @Test func shortTextsAreCountedOncePerEncodingLongOnesEveryTime() {
        let cache = TokenCountCache()
        let recorder = Recorder()
        #expect(cache.count("call me Ada", encoding: "o200k_base", measure: recorder.count) == 3)
        #expect(cache.count("call me Ada", encoding: "o200k_base", measure: recorder.count) == 3)
        #expect(recorder.asked == ["call me Ada"])
        // Another encoding counts for itself.
        #expect(cache.count("call me Ada", encoding: "cl100k_base", measure: recorder.count) == 3)
        #expect(recorder.asked.count == 2)
        let long = String(repeating: "word ", count: TokenCountCache.maximumBytes / 5 + 1)
        #expect(
            cache.count(long, encoding: "o200k_base", measure: recorder.count) == TokenCountCache.maximumBytes / 5 + 1)
        _ = cache.count(long, encoding: "o200k_base", measure: recorder.count)
        #expect(recorder.asked.count == 4)
    }

    @Test func theCacheStartsOverWhenFull() {
        let cache = TokenCountCache()
        let recorder = Recorder()
        for index in 0...TokenCountCache.capacity {
            _ = cache.count("text \(index)", encoding: "o200k_base", measure: recorder.count)
        }
        // The first text was dropped when the cache started over; the last one is kept.
        _ = cache.count("text 0", encoding: "o200k_base", measure: recorder.count)
        _ = cache.count("text \(TokenCountCache.capacity)", encoding: "o200k_base", measure: recorder.count)
        #expect(recorder.asked.count == TokenCountCache.capacity + 2)
    }

    /// Canonically equivalent texts are equal `String`s but different bytes, and tokenizers count
    /// bytes: each keeps its own count.
    @Test func textsAreKeptByTheirBytes() throws {
        let cache = TokenCountCache()
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let composed = "café déjà vu"
        let decomposed = "cafe\u{301} de\u{301}ja\u{300} vu"
        #expect(composed == decomposed, "equal as Swift strings")
        #expect(tokenizer.count(composed) != tokenizer.count(decomposed), "different tokens")
        #expect(cache.count(composed, encoding: "o200k_base", measure: tokenizer.count) == tokenizer.count(composed))
        #expect(
            cache.count(decomposed, encoding: "o200k_base", measure: tokenizer.count) == tokenizer.count(decomposed))
        #expect(cache.count(composed, encoding: "o200k_base", measure: { _ in -1 }) == tokenizer.count(composed))
        #expect(cache.count("", encoding: "o200k_base", measure: { _ in 0 }) == 0)
    }
}
