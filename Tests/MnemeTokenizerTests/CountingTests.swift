import Foundation
import Testing

@testable import MnemeTokenizer

@Suite("chat counting, estimation, calibration")
struct CountingTests {
    /// The example conversation of OpenAI's cookbook "How to count tokens with tiktoken"; the API reported
    /// 129 prompt tokens for gpt-3.5-turbo/gpt-4 and 124 for gpt-4o / gpt-4o-mini (the cookbook's
    /// `num_tokens_from_messages` run with tiktoken gives the same numbers).
    static let cookbookMessages = [
        ChatMessage(
            role: "system",
            content:
                "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."),
        ChatMessage(role: "system", content: "New synergies will help drive top-line growth.", name: "example_user"),
        ChatMessage(
            role: "system", content: "Things working well together will increase revenue.", name: "example_assistant"),
        ChatMessage(
            role: "system",
            content:
                "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
            name: "example_user"),
        ChatMessage(
            role: "system", content: "Let's talk later when we're less busy about how to do better.",
            name: "example_assistant"),
        ChatMessage(
            role: "user",
            content: "This late pivot means we don't have time to boil the ocean for the client deliverable."),
    ]

    @Test func cookbookPromptTokens() throws {
        let counter = TokenCounter()
        #expect(try counter.count(messages: Self.cookbookMessages, model: "gpt-3.5-turbo").tokens == 129)
        #expect(try counter.count(messages: Self.cookbookMessages, model: "gpt-4-0613").tokens == 129)
        #expect(try counter.count(messages: Self.cookbookMessages, model: "gpt-4o").tokens == 124)
        #expect(try counter.count(messages: Self.cookbookMessages, model: "gpt-4o-mini-2024-07-18").tokens == 124)
        #expect(try counter.count(messages: Self.cookbookMessages, model: "gpt-4o").isExact)
        #expect(try Tokenizer.shared(.cl100kBase).countChat(Self.cookbookMessages, format: .openAILegacy0301) == 127)
        #expect(try Tokenizer.shared(.o200kBase).countChat([]) == 3)
    }

    @Test func encodeDecodeByModelName() throws {
        let counter = TokenCounter()
        let ids = try counter.encode("hello world", model: "gpt-4o-2024-08-06")
        #expect(ids == [24912, 2375])
        #expect(try counter.decode(ids, model: "ft:gpt-4o:org:x:1") == "hello world")
        #expect(try counter.encode("hello world", model: "gpt-4") == [15339, 1917])
        let error = try #require(throws: TokenizerError.self) { try counter.encode("x", model: "claude-3-opus") }
        #expect(error.code == .tokenizerNotPublic)
        #expect(
            try counter.count("hello world", model: "gpt-4.1")
                == TokenCount(
                    tokens: 2, uncalibrated: 2, isExact: true, model: ModelCatalog.builtIn.info(for: "gpt-4.1")))
    }

    @Test func estimatesErrHighAgainstO200k() throws {
        let counter = TokenCounter()
        let o200k = try Tokenizer.shared(.o200kBase)
        for text in [
            "The quick brown fox jumps over the lazy dog.", "Съешь же ещё этих мягких булок", "我能吞下玻璃而不伤身体",
            "नमस्ते दुनिया", "func f() { return 42 }", "👨‍👩‍👧‍👦",
        ] {
            for model in ["claude-sonnet-4", "gemini-2.5-pro", "llama3.1:8b", "totally-unknown"] {
                let count = try counter.count(text, model: model)
                #expect(!count.isExact)
                #expect(count.tokens > o200k.count(text), "\(model): \(text)")
            }
        }
        #expect(try counter.count("", model: "claude-3-opus").tokens == 0)
    }

    @Test func estimatorFormula() {
        let estimator = TokenEstimator.default
        let profile = TokenEstimator.Profile(
            perReferenceToken: 1.5, perTwoByteScalar: 1, perThreeByteScalar: 2, perCJKScalar: 0.5, perFourByteScalar: 3,
            constant: 1)
        // 10 reference tokens, "é" (2 bytes), "ह" (3 bytes), "我" (CJK), "😀" (4 bytes)
        #expect(estimator.estimate(referenceTokens: 10, text: "aéह我😀", profile: profile) == 15 + 1 + 2 + 1 + 3 + 1)
    }

    @Test func calibrationLearnsRatioWithinBounds() throws {
        var calibration = UsageCalibration()
        #expect(calibration.adjusted(100, model: "claude-sonnet-4") == 100)
        calibration.record(model: "claude-sonnet-4", estimated: 1_300, actual: 1_000)
        calibration.record(model: "Claude-Sonnet-4 ", estimated: 1_300, actual: 1_080)
        let ratio = try #require(calibration.ratio(model: "claude-sonnet-4"))
        #expect(abs(ratio - 2_080.0 / 2_600.0) < 1e-9)
        #expect(calibration.adjusted(1_000, model: "claude-sonnet-4") == 800)
        // Clamped.
        calibration.record(model: "weird", estimated: 10, actual: 10_000)
        #expect(calibration.ratio(model: "weird") == 3.0)
        calibration.record(model: "tiny", estimated: 10_000, actual: 1)
        #expect(calibration.ratio(model: "tiny") == 0.5)
        // Ignored garbage.
        calibration.record(model: "zero", estimated: 0, actual: 5)
        calibration.record(model: "zero", estimated: 5, actual: -1)
        #expect(calibration.ratio(model: "zero") == nil)
        calibration.reset(model: "weird")
        #expect(calibration.ratio(model: "weird") == nil)
    }

    @Test func calibrationNeverLowersExactCounts() throws {
        var counter = TokenCounter()
        let exact = try counter.count(messages: Self.cookbookMessages, model: "gpt-4o")
        counter.recordUsage(model: "gpt-4o-2024-08-06", estimated: 124, actual: 100)
        #expect(try counter.count(messages: Self.cookbookMessages, model: "gpt-4o").tokens == exact.tokens)
        counter.recordUsage(model: "gpt-4o", estimated: 124, actual: 400)  // e.g. tool schemas we did not count
        #expect(try counter.count(messages: Self.cookbookMessages, model: "gpt-4o").tokens > exact.tokens)
    }

    @Test func calibrationCorrectsEstimatesAndRoundTripsThroughCodable() throws {
        var counter = TokenCounter()
        let before = try counter.count(messages: Self.cookbookMessages, model: "claude-3-5-haiku-20241022")
        counter.recordUsage(
            model: "claude-3-5-haiku-20241022", estimated: before.uncalibrated, actual: before.uncalibrated / 2)
        let after = try counter.count(messages: Self.cookbookMessages, model: "claude-3-5-haiku")
        #expect(after.uncalibrated == before.uncalibrated)
        #expect(after.tokens == (before.uncalibrated + 1) / 2 || after.tokens == before.uncalibrated / 2 + 1)
        let data = try JSONEncoder().encode(counter.calibration)
        #expect(try JSONDecoder().decode(UsageCalibration.self, from: data) == counter.calibration)
    }
}
