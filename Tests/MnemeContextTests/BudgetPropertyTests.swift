import MnemeContext
import Testing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite("Budget property: the final prompt never exceeds the budget")
struct BudgetPropertyTests {
    static func randomText(_ rng: inout SeededGenerator, maxWords: Int) -> String {
        let words = ["alpha", "beta", "gamma", "дельта", "epsilon,", "zeta!", "eta?", "theta.", "iota;", "kappa"]
        let huge = Int.random(in: 0..<40, using: &rng) == 0
        let count = huge ? Int.random(in: 500...6_000, using: &rng) : Int.random(in: 0...maxWords, using: &rng)
        return (0..<count).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
    }

    static func randomInput(seed: UInt64) -> ContextInput {
        var rng = SeededGenerator(seed: seed)
        let facts = (0..<Int.random(in: 0...15, using: &rng)).map { index in
            FactCandidate(key: "k\(index)", value: randomText(&rng, maxWords: 12))
        }
        let examples = (0..<Int.random(in: 0...10, using: &rng)).map { index in
            ExampleCandidate(
                id: "example:\(index)", input: randomText(&rng, maxWords: 20), output: randomText(&rng, maxWords: 40),
                pinned: Bool.random(using: &rng), score: Double.random(in: 0...10, using: &rng))
        }
        let documents = (0..<Int.random(in: 0...20, using: &rng)).map { index in
            DocumentCandidate(
                chunkId: "\(index)", documentURI: "doc\(index % 4).md", title: "Doc \(index % 4)",
                headingPath: ["H\(index)"], text: randomText(&rng, maxWords: 150),
                score: Double.random(in: 0...10, using: &rng), isVisible: Int.random(in: 0..<10, using: &rng) > 0)
        }
        let historyCount = Int.random(in: 0...60, using: &rng)
        var historyMessages: [HistoryMessage] = []
        for index in 0..<historyCount {
            // Mostly alternating, sometimes two in a row.
            let role: ChatRole =
                Int.random(in: 0..<8, using: &rng) == 0
                ? (Bool.random(using: &rng) ? .user : .assistant) : (index % 2 == 0 ? .user : .assistant)
            historyMessages.append(
                HistoryMessage(messageId: "h\(index)", role: role, text: randomText(&rng, maxWords: 60)))
        }
        let recall = (0..<Int.random(in: 0...20, using: &rng)).map { index in
            // Some recall candidates are messages of the history.
            let id =
                historyCount > 0 && Int.random(in: 0..<5, using: &rng) == 0
                ? "h\(Int.random(in: 0..<historyCount, using: &rng))" : "r\(index)"
            return RecallCandidate(
                messageId: id, createdAt: Date(timeIntervalSince1970: Double(index) * 86_400), role: .user,
                text: randomText(&rng, maxWords: 50), score: Double.random(in: 0...10, using: &rng))
        }
        let window = Int.random(in: 300...20_000, using: &rng)
        let output = Int.random(in: 0...(window / 3), using: &rng)
        var policy = BudgetPolicy.default
        policy.overflowBeyondMax = Bool.random(using: &rng)
        policy.examplePlacement = Bool.random(using: &rng) ? .messages : .system
        policy.documents.priority = Int.random(in: 0...100, using: &rng)
        policy.recall.minScore = Bool.random(using: &rng) ? 2 : nil
        return ContextInput(
            persona: Persona(id: "p", template: randomText(&rng, maxWords: 80)), facts: facts, examples: examples,
            documents: documents, recall: recall, history: historyMessages,
            userMessage: randomText(&rng, maxWords: 80) + " ?",
            limits: .openAIChat(
                contextWindow: window, reservedOutput: output, safetyMargin: Int.random(in: 0...50, using: &rng)),
            policy: policy)
    }

    @Test(arguments: [wordCounter, lumpyCounter].enumerated().map { $0 })
    func neverOverBudgetAndTraceComplete(counterIndex: Int, counter: @escaping TokenCountingFunction) throws {
        let builder = ContextBuilder(counter: counter)
        var recountedAtLeastOnce = 0
        var builtCount = 0
        var droppedAfterRecount = 0
        for seed in UInt64(1)...300 {
            let input = Self.randomInput(seed: seed &* 7_919 &+ UInt64(counterIndex))
            let built: BuiltContext
            do {
                built = try builder.build(input)
            } catch {
                // Only legitimate when even the bare mandatory overheads cannot fit.
                #expect(error.code == .budgetTooSmall, "seed \(seed): \(error)")
                continue
            }
            builtCount += 1
            droppedAfterRecount += built.trace.entries.filter { $0.reason == .overBudgetAfterRecount }.count
            let total = recount(built.prompt, limits: input.limits, counter: counter)
            #expect(total <= input.limits.available, "seed \(seed): \(total) > \(input.limits.available)")
            #expect(built.trace.budget.total == total, "seed \(seed)")
            #expect(built.trace.entries.map(\.id).sorted() == candidateIds(input).sorted(), "seed \(seed)")
            if built.trace.budget.recounts > 1 { recountedAtLeastOnce += 1 }
            // The user message is always last, and history is a run of whole turns.
            #expect(built.prompt.messages.last?.role == .user)
            let includedHistory = built.trace.entries(in: .history).filter(\.included)
            if let first = includedHistory.first {
                #expect(first.source?.role == .user, "seed \(seed): history starts with an answer")
            }
            if let last = includedHistory.last {
                #expect(last.source?.role == .assistant, "seed \(seed): history ends with an unanswered message")
            }
            // Included history is contiguous and newest: nothing after it is dropped.
            let history = built.trace.entries(in: .history)
            if let lastIncluded = history.lastIndex(where: \.included) {
                let after = history[(lastIncluded + 1)...]
                #expect(after.allSatisfy { $0.reason != .overBudget }, "seed \(seed): history is not a suffix")
            }
            // Maximum shares hold unless overflow is allowed (planned usage, before join effects).
            if !(input.policy?.overflowBeyondMax ?? false) {
                for usage in built.trace.budget.sections {
                    if let maxTokens = usage.maxTokens {
                        #expect(usage.usedTokens <= maxTokens, "seed \(seed): \(usage.section) over its max share")
                    }
                }
            }
        }
        #expect(builtCount >= 270, "too many random cases were rejected: \(builtCount) built")
        if counterIndex == 1 {
            #expect(recountedAtLeastOnce > 0, "the lumpy counter should force recounts")
            #expect(droppedAfterRecount > 0)
        }
    }

    /// Counting the system text line by line changes nothing when the counter's counts add up at line
    /// starts (the word counter's do), and does change the count when they do not (the lumpy counter).
    @Test func lineByLineCountingGivesTheSamePrompts() throws {
        var differed = 0
        for seed in UInt64(1)...300 {
            let input = Self.randomInput(seed: seed &* 104_729)
            let whole = try? ContextBuilder(counter: wordCounter).build(input)
            let lines = try? ContextBuilder(counter: wordCounter, countsAddUpAtLineStarts: true).build(input)
            #expect(whole?.prompt == lines?.prompt, "seed \(seed)")
            #expect(whole?.trace.budget.total == lines?.trace.budget.total, "seed \(seed)")
            #expect(whole?.trace.entries.map(\.reason) == lines?.trace.entries.map(\.reason), "seed \(seed)")
            let lumpy = try? ContextBuilder(counter: lumpyCounter).build(input)
            let lumpyLines = try? ContextBuilder(counter: lumpyCounter, countsAddUpAtLineStarts: true).build(input)
            if lumpy?.trace.budget.total != lumpyLines?.trace.budget.total { differed += 1 }
        }
        #expect(differed > 0, "the setting is used")
    }
}
