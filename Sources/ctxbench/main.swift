// ctxbench: time to build a prompt from a large candidate set (see docs/benchmarks-context.md).
//
// Usage: swift run -c release ctxbench [iterations]
import MnemeContext

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 300 : 300
let warmup = 20

/// O(1) on native strings: about 4 UTF-8 bytes per token.
let byteCounter: TokenCountingFunction = { $0.utf8.count / 4 + 1 }

/// O(n): words and punctuation, a stand-in for a real tokenizer's linear scan.
let wordCounter: TokenCountingFunction = { text in
    var count = 0
    var inWord = false
    for byte in text.utf8 {
        let isWordByte =
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        if isWordByte {
            if !inWord { count += 1 }
            inWord = true
        } else {
            inWord = false
            if byte != 0x20 && byte != 0x0A { count += 1 }
        }
    }
    return count
}

struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let vocabulary = [
    "the", "order", "refund", "delivery", "policy", "customer", "account", "password", "shipping", "invoice",
    "заказ", "доставка", "возврат", "клиент", "we", "can", "will", "should", "please", "thanks", "today", "week",
]

func text(_ rng: inout Generator, words: ClosedRange<Int>) -> String {
    let count = Int.random(in: words, using: &rng)
    var parts: [String] = []
    parts.reserveCapacity(count)
    for index in 0..<count {
        parts.append(vocabulary.randomElement(using: &rng)! + (index % 9 == 8 ? "." : ""))
    }
    return parts.joined(separator: " ")
}

func workload(counter: TokenCountingFunction, cachedCounts: Bool) -> ContextInput {
    var rng = Generator(state: 42)
    func cached(_ text: String) -> Int? { cachedCounts ? counter(text) : nil }
    let history = (0..<2_000).map { index -> HistoryMessage in
        let body = text(&rng, words: 5...80)
        return HistoryMessage(
            messageId: "\(index)", sessionId: "s", createdAt: Date(timeIntervalSince1970: Double(index) * 60),
            role: index % 2 == 0 ? .user : .assistant, text: body, tokens: cached(body))
    }
    let facts = (0..<50).map { FactCandidate(key: "fact\($0)", value: text(&rng, words: 1...8)) }
    let examples = (0..<100).map {
        ExampleCandidate(
            id: "example:\($0)", input: text(&rng, words: 5...30), output: text(&rng, words: 10...80),
            pinned: $0 < 2, score: Double.random(in: 0...10, using: &rng))
    }
    let documents = (0..<50).map { index -> DocumentCandidate in
        let body = text(&rng, words: 100...300)
        return DocumentCandidate(
            chunkId: "\(index)", documentURI: "docs/handbook-\(index % 7).md", title: "Handbook \(index % 7)",
            headingPath: ["Section \(index % 5)"], text: body, score: Double.random(in: 0...20, using: &rng),
            tokens: cached(body))
    }
    let recall = (0..<100).map { index -> RecallCandidate in
        let body = text(&rng, words: 5...80)
        return RecallCandidate(
            messageId: "old\(index)", sessionId: "old", createdAt: Date(timeIntervalSince1970: Double(index) * 3_600),
            role: index % 2 == 0 ? .user : .assistant, text: body, score: Double.random(in: 0...10, using: &rng),
            tokens: cached(body))
    }
    return ContextInput(
        persona: Persona(
            id: "support", template: "You are a support assistant for ACME. Address the user as {{name|there}}."),
        facts: facts, examples: examples, documents: documents, recall: recall, history: history,
        userMessage: "Where is my refund for the order from last week?",
        limits: .openAIChat(contextWindow: 9_216, reservedOutput: 1_024))
}

/// The peer: the least work any builder must do — count every candidate text once and sort by score.
func countAndSort(_ input: ContextInput, counter: TokenCountingFunction) -> Int {
    var total = 0
    for message in input.history { total += counter(message.text) }
    for fact in input.facts { total += counter(fact.value) }
    for example in input.examples { total += counter(example.input) + counter(example.output) }
    for document in input.documents { total += counter(document.text) }
    for message in input.recall { total += counter(message.text) }
    total += input.documents.sorted { $0.score > $1.score }.count
    total += input.recall.sorted { $0.score > $1.score }.count
    total += input.examples.sorted { ($0.score ?? 0) > ($1.score ?? 0) }.count
    return total
}

func measure(_ body: () throws -> Int) rethrows -> (p50: Double, p99: Double, mean: Double) {
    var sink = 0
    for _ in 0..<warmup { sink &+= try body() }
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    let clock = ContinuousClock()
    for _ in 0..<iterations {
        let start = clock.now
        sink &+= try body()
        let elapsed = clock.now - start
        samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    }
    if sink == 42 { print("") }
    samples.sort()
    let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
    return (samples[samples.count / 2], p99, samples.reduce(0, +) / Double(samples.count))
}

func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(scaled % Int(scale))
    guard digits > 0 else { return String(whole) }
    return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
}

func format(_ microseconds: Double) -> String {
    microseconds >= 1_000 ? fixed(microseconds / 1_000, 2) + " ms" : fixed(microseconds, 0) + " µs"
}

print("ctxbench: 2,000 history messages, 50 facts, 100 examples, 50 chunks, 100 recall; 8,192-token budget")
print("iterations \(iterations) (+\(warmup) warm-up)\n")
print("| counter | store token counts | build p50 | build p99 | peer p50 (count+sort) | ratio p50 |")
print("|---|---|---|---|---|---|")
for (name, counter) in [("bytes/4 (O(1))", byteCounter), ("words (O(n))", wordCounter)] {
    for cachedCounts in [true, false] {
        let input = workload(counter: counter, cachedCounts: cachedCounts)
        let builder = ContextBuilder(counter: counter)
        let sample = try builder.build(input)
        precondition(sample.trace.budget.total <= sample.trace.budget.available)
        let build = try measure { try builder.build(input).trace.budget.total }
        let peer = measure { countAndSort(input, counter: counter) }
        print(
            "| \(name) | \(cachedCounts ? "yes" : "no") | \(format(build.p50)) | \(format(build.p99)) | "
                + "\(format(peer.p50)) | \(fixed(build.p50 / peer.p50, 1))× |")
        if name.hasPrefix("words") && !cachedCounts {
            let budget = sample.trace.budget
            let used = budget.sections.map { "\($0.section.rawValue) \($0.usedTokens)" }.joined(separator: ", ")
            print("\nsample: total \(budget.total)/\(budget.available), recounts \(budget.recounts); \(used)")
        }
    }
}
