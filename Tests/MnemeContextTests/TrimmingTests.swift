import MnemeContext
import Testing

@Suite("Over-long items are trimmed at sentence boundaries, with a marker")
struct TrimmingTests {
    let builder = ContextBuilder(counter: wordCounter)
    let limits = ModelLimits.openAIChat(contextWindow: 8_192, reservedOutput: 1_024, safetyMargin: 64)
    let marker = BudgetPolicy.defaultTrimMarker
    // About 56,000 tokens: 50,000 words in sentences of 7 words ("lorem … lorem.").
    let huge = sentences(50_000, sentence: 7)

    func endsAtSentence(_ text: String) -> Bool {
        guard text.hasSuffix(marker) else { return false }
        return text.dropLast(marker.count).dropLast().hasSuffix(".")
    }

    @Test func hugeHistoryMessageIsTrimmedNotDropped() throws {
        var messages = history(turns: 3)
        messages.append(HistoryMessage(messageId: "big-q", role: .user, text: "Please summarize this log."))
        messages.append(HistoryMessage(messageId: "big-a", role: .assistant, text: huge))
        let built = try builder.build(
            ContextInput(persona: simplePersona, history: messages, userMessage: "thanks", limits: limits))
        let entry = try #require(built.trace.entries.first { $0.id == "message:big-a" })
        #expect(entry.included && entry.trimmed)
        #expect((entry.originalTokens ?? 0) > 50_000)
        let answer = try #require(built.prompt.messages.first { $0.text.hasPrefix("lorem") })
        #expect(endsAtSentence(answer.text))
        #expect(wordCounter(answer.text) < 8_192)
        #expect(built.trace.budget.total <= limits.available)
        #expect(built.prompt.messages.contains { $0.text == "Please summarize this log." })
    }

    @Test func hugeUserMessageIsTrimmedAndNoted() throws {
        let built = try builder.build(
            ContextInput(persona: simplePersona, history: history(turns: 3), userMessage: huge, limits: limits))
        let user = try #require(built.prompt.messages.last)
        #expect(endsAtSentence(user.text))
        let entry = try #require(built.trace.entries.first { $0.id == "user_message" })
        #expect(entry.trimmed && entry.included)
        #expect(built.trace.notes.contains { $0.hasPrefix("user message trimmed from") })
        #expect(built.trace.budget.total <= limits.available)
        // Little room is wasted: the user message takes almost everything left.
        #expect(built.trace.budget.total > limits.available - 20)
    }

    @Test func hugeDocumentIsTrimmedToItsItemShare() throws {
        let document = DocumentCandidate(chunkId: "1", documentURI: "big.txt", text: huge, score: 9)
        let small = DocumentCandidate(chunkId: "2", documentURI: "small.txt", text: "Short fact.", score: 1)
        let built = try builder.build(
            ContextInput(persona: simplePersona, documents: [document, small], userMessage: "?", limits: limits))
        let entry = try #require(built.trace.entries.first { $0.id == "chunk:1" })
        #expect(entry.included && entry.trimmed)
        let policy = BudgetPolicy.default.documents
        #expect(Double(entry.tokens) <= policy.maxItemShare * policy.maxShare * Double(built.trace.budget.flexible))
        #expect(built.prompt.system.contains(marker + "\n</document>"))
        #expect(built.trace.entries.first { $0.id == "chunk:2" }?.included == true)
    }

    @Test func wordBoundaryFallbackForTextWithoutSentences() throws {
        let run = Array(repeating: "word", count: 20_000).joined(separator: " ")
        let built = try builder.build(
            ContextInput(persona: simplePersona, userMessage: run, limits: limits))
        let user = try #require(built.prompt.messages.last?.text)
        #expect(user.hasSuffix("word " + marker))
        #expect(built.trace.budget.total <= limits.available)
    }
}
