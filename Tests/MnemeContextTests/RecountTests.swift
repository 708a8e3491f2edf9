import MnemeContext
import Testing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite("Exact recount")
struct RecountTests {
    @Test func joinSurchargeIsCaughtByTheRecountAndTheLowestPriorityGoesFirst() throws {
        // Every blank line in a text costs 60 tokens: invisible to the per-item plan.
        let counter: TokenCountingFunction = { text in
            wordCounter(text) + 60 * (text.components(separatedBy: "\n\n").count - 1)
        }
        let input = ContextInput(
            persona: simplePersona,
            facts: (0..<5).map { FactCandidate(key: "k\($0)", value: "value \($0)") },
            documents: (0..<6).map {
                DocumentCandidate(
                    chunkId: "\($0)", documentURI: "d", text: "doc \($0) " + sentences(30), score: Double($0))
            },
            recall: (0..<4).map {
                RecallCandidate(messageId: "r\($0)", role: .user, text: "recall \($0) " + sentences(10), score: 1)
            },
            history: history(turns: 30),
            userMessage: "go", limits: .openAIChat(contextWindow: 1_500, reservedOutput: 0))
        let built = try ContextBuilder(counter: counter).build(input)
        #expect(recount(built.prompt, limits: input.limits, counter: counter) == built.trace.budget.total)
        #expect(built.trace.budget.total <= built.trace.budget.available)
        #expect(built.trace.budget.recounts > 1)
        let dropped = built.trace.entries.filter { $0.reason == .overBudgetAfterRecount }
        #expect(!dropped.isEmpty)
        // Recall (priority 20) is dropped before documents (30), facts (40) and history (50).
        let sections = Set(dropped.map(\.section))
        if sections.contains(.documents) { #expect(built.trace.entries(in: .recall).allSatisfy { !$0.included }) }
        #expect(!sections.contains(.history))
        #expect(dropped.allSatisfy { $0.detail?.contains("over the") == true })
    }
}
