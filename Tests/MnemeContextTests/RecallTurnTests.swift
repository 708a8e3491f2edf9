import MnemeContext
import Testing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite("Recalled turns: question and answer together, near-duplicates dropped")
struct RecallTurnTests {
    let builder = ContextBuilder(counter: wordCounter)

    func message(
        _ id: String, _ role: ChatRole, _ text: String, turn: String?, score: Double, minute: Double
    ) -> RecallCandidate {
        RecallCandidate(
            messageId: id, sessionId: "old", createdAt: Date(timeIntervalSince1970: 1_700_000_000 + minute * 60),
            role: role, text: text, score: score, turnId: turn)
    }

    func build(_ recall: [RecallCandidate], budget: Int = 4_000, history: [HistoryMessage] = []) throws -> BuiltContext
    {
        var policy = BudgetPolicy.default
        policy.overflowBeyondMax = true
        return try builder.build(
            ContextInput(
                persona: simplePersona, recall: recall, history: history, userMessage: "which hotel in Kyoto?",
                limits: .openAIChat(contextWindow: budget, reservedOutput: 0), policy: policy))
    }

    @Test func aTurnIsTakenWholeAndRenderedInOrder() throws {
        let recall = [
            // The answer matched best; its question came with it (same turn id), listed after it.
            message(
                "2", .assistant, "Stay at Casa do Conto, a quiet place near the old town.", turn: "t1", score: 1,
                minute: 1),
            message(
                "1", .user, "We are going to Kyoto in April. Where should we stay?", turn: "t1", score: 1, minute: 0),
            message("9", .user, "Older unrelated question about bread.", turn: "t0", score: 0.3, minute: -100),
        ]
        let built = try build(recall)
        let system = built.prompt.system
        let question = try #require(system.firstRange(of: "We are going to Kyoto"))
        let answer = try #require(system.firstRange(of: "Stay at Casa do Conto"))
        let older = try #require(system.firstRange(of: "Older unrelated"))
        #expect(older.lowerBound < question.lowerBound, "the section reads oldest first")
        #expect(question.lowerBound < answer.lowerBound, "a question precedes its answer")
        #expect(built.trace.entries(in: .recall).allSatisfy { $0.included })
    }

    @Test func aTurnThatDoesNotFitIsDroppedWhole() throws {
        let long = sentences(60)
        let recall = [
            message("1", .user, "Short question about Kyoto?", turn: "t1", score: 1, minute: 0),
            message("2", .assistant, long, turn: "t1", score: 1, minute: 1),
            message("3", .user, "Another short question?", turn: "t2", score: 0.5, minute: 5),
            message("4", .assistant, "A short answer.", turn: "t2", score: 0.5, minute: 6),
        ]
        // Whatever the budget, a question is in the prompt exactly when its answer is.
        var sawSmallTurnAlone = false
        for budget in stride(from: 40, through: 240, by: 10) {
            let built = try build(recall, budget: budget)
            let entries = Dictionary(uniqueKeysWithValues: built.trace.entries(in: .recall).map { ($0.id, $0) })
            #expect(entries["message:1"]?.included == entries["message:2"]?.included, "budget \(budget)")
            #expect(entries["message:3"]?.included == entries["message:4"]?.included, "budget \(budget)")
            #expect(built.trace.budget.total <= built.trace.budget.available)
            if entries["message:3"]?.included == true && entries["message:1"]?.included == false {
                sawSmallTurnAlone = true
            }
        }
        #expect(sawSmallTurnAlone, "some budget fits the small turn but not the large one")
    }

    @Test func aTurnRepeatingABetterOneIsADuplicateAsAWhole() throws {
        let answer = "Move the router off the floor, switch the channel, and update the firmware."
        let recall = [
            message("1", .user, "My router keeps dropping the connection.", turn: "t1", score: 1, minute: 0),
            message("2", .assistant, answer, turn: "t1", score: 1, minute: 1),
            // The same question and nearly the same answer, a month later: nothing new.
            message("3", .user, "My router keeps dropping the connection!", turn: "t2", score: 0.9, minute: 40_000),
            message(
                "4", .assistant, "Update the firmware, move the router off the floor, and switch the channel.",
                turn: "t2", score: 0.9, minute: 40_001),
            // The same question with a new answer: kept whole, question included.
            message("5", .user, "My router keeps dropping the connection.", turn: "t3", score: 0.8, minute: 50_000),
            message(
                "6", .assistant, "Then it is time for a new router: yours is eight years old.", turn: "t3",
                score: 0.8, minute: 50_001),
        ]
        let built = try build(recall)
        let entries = Dictionary(uniqueKeysWithValues: built.trace.entries(in: .recall).map { ($0.id, $0) })
        for id in ["message:3", "message:4"] {
            #expect(entries[id]?.reason == .duplicate, "\(id)")
        }
        #expect(entries["message:3"]?.duplicateOf == "message:1")
        #expect(entries["message:4"]?.duplicateOf == "message:2")
        for id in ["message:1", "message:2", "message:5", "message:6"] {
            #expect(entries[id]?.included == true, "\(id)")
        }
        #expect(built.prompt.system.components(separatedBy: "keeps dropping").count == 3)
    }

    @Test func aRecalledTextAlreadyInTheHistoryIsNotRepeated() throws {
        let recent = [
            HistoryMessage(messageId: "h1", sessionId: "now", role: .user, text: "What is my locker number?"),
            HistoryMessage(messageId: "h2", sessionId: "now", role: .assistant, text: "It is 4711."),
        ]
        let recall = [
            message("1", .user, "what is my locker   number?", turn: "t1", score: 1, minute: 0),
            message(
                "2", .assistant, "Your locker number is 4711, on the second floor.", turn: "t1", score: 1, minute: 1),
        ]
        let built = try build(recall, history: recent)
        let entries = Dictionary(uniqueKeysWithValues: built.trace.entries(in: .recall).map { ($0.id, $0) })
        #expect(entries["message:1"]?.reason == .duplicate)
        #expect(entries["message:1"]?.duplicateOf == "message:h1")
        #expect(entries["message:2"]?.included == true)
    }
}
