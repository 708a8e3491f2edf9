import MnemeContext
import Testing

@Suite("Recent history keeps whole turns, newest first")
struct HistoryTurnTests {
    let builder = ContextBuilder(counter: wordCounter)

    func policy(historyMax: Double = 1) -> BudgetPolicy {
        var policy = BudgetPolicy.default
        policy.history = SectionPolicy(priority: 50, minShare: 0, maxShare: historyMax, maxItemShare: 1)
        return policy
    }

    @Test func takesOnlyWholeNewestTurnsThatFit() throws {
        // Each message costs 3 + 1 (role) + 10 words + 1-2 periods; a turn is about 30 tokens.
        let messages = history(turns: 10)
        for window in stride(from: 60, through: 400, by: 7) {
            let input = ContextInput(
                persona: simplePersona, history: messages, userMessage: "and now?",
                limits: .openAIChat(contextWindow: window, reservedOutput: 0), policy: policy())
            let built = try builder.build(input)
            let included = built.trace.entries(in: .history).filter(\.included).map(\.id)
            #expect(included.count % 2 == 0, "window \(window): partial turn")
            #expect(included == Array(messages.suffix(included.count).map(\.id)), "window \(window): not the newest")
            // Not wasteful: the next older turn would not have fitted.
            let turnCost = built.trace.entries(in: .history).prefix(2).reduce(0) { $0 + $1.tokens }
            #expect(built.trace.budget.total + turnCost > built.trace.budget.available || included.count == 20)
        }
    }

    @Test func unansweredAndOrphanMessagesAreIncompleteTurns() throws {
        let messages = [
            HistoryMessage(messageId: "1", role: .assistant, text: "Welcome back!"),
            HistoryMessage(messageId: "2", role: .user, text: "Part one."),
            HistoryMessage(messageId: "3", role: .user, text: "Part two."),
            HistoryMessage(messageId: "4", role: .assistant, text: "Both parts answered."),
            HistoryMessage(messageId: "5", role: .user, text: "Hello?"),
        ]
        let input = ContextInput(
            persona: simplePersona, history: messages, userMessage: "Still there?",
            limits: .openAIChat(contextWindow: 2_000, reservedOutput: 100), policy: policy())
        let built = try builder.build(input)
        let reasons = Dictionary(uniqueKeysWithValues: built.trace.entries(in: .history).map { ($0.id, $0.reason) })
        #expect(reasons["message:1"] == .incompleteTurn)
        #expect(reasons["message:5"] == .incompleteTurn)
        #expect(reasons["message:2"] == .included && reasons["message:3"] == .included)
        #expect(reasons["message:4"] == .included)
        #expect(
            built.prompt.messages.map(\.text) == ["Part one.", "Part two.", "Both parts answered.", "Still there?"])
    }

    @Test func currentMessageInHistoryIsADuplicate() throws {
        var messages = history(turns: 2)
        messages.append(HistoryMessage(messageId: "77", role: .user, text: "the current one"))
        let input = ContextInput(
            persona: simplePersona, history: messages, userMessage: "the current one", userMessageId: "77",
            limits: .openAIChat(contextWindow: 2_000, reservedOutput: 100))
        let built = try builder.build(input)
        let entry = try #require(built.trace.entries.first { $0.id == "message:77" })
        #expect(entry.reason == .duplicate && entry.duplicateOf == "user_message")
        #expect(built.prompt.messages.filter { $0.text == "the current one" }.count == 1)
    }
}
