import MnemeContext
import Testing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite("Duplicates, visibility, scores, examples")
struct DedupeTests {
    let builder = ContextBuilder(counter: wordCounter)
    let limits = ModelLimits.openAIChat(contextWindow: 4_000, reservedOutput: 500)

    @Test func recallOfAHistoryMessageIsADuplicate() throws {
        let messages = history(turns: 2)
        let recall = [
            RecallCandidate(messageId: messages[1].messageId, role: .assistant, text: messages[1].text, score: 9),
            RecallCandidate(messageId: "old-1", sessionId: "s0", role: .user, text: "I live in Lisbon.", score: 5),
            RecallCandidate(messageId: "old-2", sessionId: "s0", role: .user, text: "i live in   LISBON.", score: 4),
            RecallCandidate(messageId: "old-3", role: .user, text: "secret", score: 8, isVisible: false),
        ]
        let built = try builder.build(
            ContextInput(persona: simplePersona, recall: recall, history: messages, userMessage: "hi", limits: limits))
        let entries = built.trace.entries(in: .recall)
        #expect(entries.count == 4)
        #expect(entries[0].reason == .duplicate && entries[0].duplicateOf == messages[1].id)
        #expect(entries[1].reason == .included)
        #expect(entries[2].reason == .duplicate && entries[2].duplicateOf == "message:old-1")
        #expect(entries[3].reason == .notVisible)
        #expect(!built.prompt.system.contains("secret"))
        #expect(built.prompt.system.components(separatedBy: "Lisbon").count == 2)
    }

    @Test func identicalChunksKeepTheBetterScoredOne() throws {
        let documents = [
            DocumentCandidate(chunkId: "1", documentURI: "a.md", text: "Refunds take 5 days.", score: 1),
            DocumentCandidate(chunkId: "2", documentURI: "b.md", text: "Refunds  take 5 days.\n", score: 7),
            DocumentCandidate(chunkId: "3", documentURI: "c.md", text: "Unrelated.", score: 0.2),
        ]
        var policy = BudgetPolicy.default
        policy.documents.minScore = 0.5
        let built = try builder.build(
            ContextInput(
                persona: simplePersona, documents: documents, userMessage: "refunds?", limits: limits, policy: policy))
        let entries = built.trace.entries(in: .documents)
        #expect(entries.map(\.id) == ["chunk:1", "chunk:2", "chunk:3"])  // input order
        #expect(entries[0].reason == .duplicate && entries[0].duplicateOf == "chunk:2")
        #expect(entries[1].included)
        #expect(entries[2].reason == .belowScore)
    }

    @Test func newerFactOnTheSameKeyWins() throws {
        let facts = [
            FactCandidate(key: "name", value: "Anna", updatedAt: Date(timeIntervalSince1970: 100)),
            FactCandidate(id: "fact:name#2", key: "name", value: "Maria", updatedAt: Date(timeIntervalSince1970: 200)),
        ]
        let built = try builder.build(
            ContextInput(persona: simplePersona, facts: facts, userMessage: "hi", limits: limits))
        #expect(built.prompt.system.contains("- name: Maria"))
        #expect(!built.prompt.system.contains("Anna"))
        #expect(built.trace.entries(in: .facts).map(\.reason) == [.duplicate, .included])
    }

    @Test func pinnedExamplesFirstThenByScoreWithinTheShare() throws {
        let examples = [
            ExampleCandidate(id: "example:low", input: "a", output: sentences(30), score: 1),
            ExampleCandidate(id: "example:high", input: "b", output: sentences(30), score: 9),
            ExampleCandidate(id: "example:pin", input: "c", output: sentences(30), pinned: true),
            ExampleCandidate(id: "example:mid", input: "d", output: sentences(30), score: 5),
        ]
        var policy = BudgetPolicy.default
        // Room for exactly two examples (each about 45 tokens).
        policy.examples = SectionPolicy(priority: 10, minShare: 0, maxShare: 100.0 / 3_400)
        let built = try builder.build(
            ContextInput(
                persona: simplePersona, examples: examples, userMessage: "e",
                limits: .openAIChat(contextWindow: 3_500, reservedOutput: 0), policy: policy))
        let included = built.trace.entries(in: .examples).filter(\.included).map(\.id)
        #expect(included.sorted() == ["example:high", "example:pin"])
        #expect(built.prompt.messages.map(\.text).prefix(3) == ["c", sentences(30), "b"])
    }
}
