import MnemeContext
import Testing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite("Budget policy: priority, minimum and maximum shares")
struct PolicyTests {
    let builder = ContextBuilder(counter: wordCounter)

    func documents(_ count: Int, words: Int = 40) -> [DocumentCandidate] {
        (0..<count).map { index in
            DocumentCandidate(
                chunkId: "\(index)", documentURI: "d.md", text: "chunk \(index) " + sentences(words),
                score: Double(100 - index))
        }
    }

    func input(policy: BudgetPolicy, window: Int = 1_200) -> ContextInput {
        ContextInput(
            persona: simplePersona,
            examples: (0..<10).map { ExampleCandidate(id: "example:\($0)", input: "q \($0)", output: sentences(20)) },
            documents: documents(30), history: history(turns: 40),
            userMessage: "question", limits: .openAIChat(contextWindow: window, reservedOutput: 0), policy: policy)
    }

    func usage(_ built: BuiltContext, _ section: ContextSection) -> SectionUsage {
        built.trace.budget.sections.first { $0.section == section }!
    }

    @Test func higherPriorityIsServedFirst() throws {
        var policy = BudgetPolicy.default
        policy.history = SectionPolicy(priority: 50, minShare: 0, maxShare: 1)
        policy.documents = SectionPolicy(priority: 60, minShare: 0, maxShare: 1)
        policy.examples = SectionPolicy(priority: 0, minShare: 0, maxShare: 0)
        let documentsFirst = try builder.build(input(policy: policy))
        let documentCost = documentsFirst.trace.entries(in: .documents)[0].tokens
        let turnCost = documentsFirst.trace.entries(in: .history).prefix(2).reduce(0) { $0 + $1.tokens }
        // Documents take all they can; history only gets the leftover smaller than one more document.
        #expect(usage(documentsFirst, .documents).included > 10)
        #expect(usage(documentsFirst, .history).usedTokens < documentCost)
        policy.documents.priority = 40
        let historyFirst = try builder.build(input(policy: policy))
        #expect(usage(historyFirst, .history).included > 20)
        #expect(usage(historyFirst, .documents).usedTokens < turnCost + 100)
        #expect(usage(historyFirst, .documents).included < usage(documentsFirst, .documents).included)
    }

    @Test func minimumShareIsReservedForLowPrioritySections() throws {
        var policy = BudgetPolicy.default
        policy.history = SectionPolicy(priority: 50, minShare: 0, maxShare: 1)
        policy.documents = SectionPolicy(priority: 40, minShare: 0, maxShare: 1)
        policy.examples = SectionPolicy(priority: 0, minShare: 0.25, maxShare: 0.25)
        let built = try builder.build(input(policy: policy))
        let examples = usage(built, .examples)
        let flexible = built.trace.budget.flexible
        #expect(examples.included > 0)
        #expect(examples.usedTokens <= flexible / 4)
        // Nearly the whole minimum is used (an example costs about 30 tokens).
        #expect(examples.usedTokens > flexible / 4 - 40)
    }

    @Test func maximumShareIsHardUnlessOverflowIsAllowed() throws {
        var policy = BudgetPolicy.default
        policy.documents = SectionPolicy(priority: 50, minShare: 0, maxShare: 0.2)
        var noOthers = input(policy: policy)
        noOthers.history = []
        noOthers.examples = []
        let capped = try builder.build(noOthers)
        let documents = usage(capped, .documents)
        #expect(documents.usedTokens <= capped.trace.budget.flexible / 5)
        #expect(capped.trace.entries(in: .documents).contains { $0.reason == .overBudget })
        policy.overflowBeyondMax = true
        noOthers.policy = policy
        let overflowing = try builder.build(noOthers)
        #expect(usage(overflowing, .documents).included > documents.included)
        #expect(overflowing.trace.budget.total <= overflowing.trace.budget.available)
    }

    @Test func decodesFromConfigKeepingDefaultsForMissingKeys() throws {
        let json = """
            {"history": {"max_share": 0.7}, "example_placement": "system",
             "documents": {"min_score": 1.5, "max_items": 4}}
            """
        let policy = try JSONDecoder().decode(BudgetPolicy.self, from: Data(json.utf8))
        #expect(policy.history.maxShare == 0.7)
        #expect(policy.history.priority == BudgetPolicy.default.history.priority)
        #expect(policy.history.minShare == BudgetPolicy.default.history.minShare)
        #expect(policy.documents.minScore == 1.5 && policy.documents.maxItems == 4)
        #expect(policy.facts == BudgetPolicy.default.facts)
        #expect(policy.examplePlacement == .system)
        let roundTrip = try JSONDecoder().decode(BudgetPolicy.self, from: JSONEncoder().encode(policy))
        #expect(roundTrip == policy)
    }

    @Test func maxItemsAndMinScoreLimitSections() throws {
        var policy = BudgetPolicy.default
        policy.documents.maxItems = 2
        policy.documents.minScore = 80
        var small = input(policy: policy, window: 8_000)
        small.history = []
        let built = try builder.build(small)
        let entries = built.trace.entries(in: .documents)
        #expect(entries.filter(\.included).map(\.id) == ["chunk:0", "chunk:1"])
        #expect(entries.filter { $0.reason == .belowScore }.count == 9)  // scores 79…70
        #expect(entries.filter { $0.reason == .sectionLimit }.count == 19)
    }
}
