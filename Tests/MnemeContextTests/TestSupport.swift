import MnemeContext

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Deterministic counter: runs of letters/digits count 1, every other non-space character counts 1.
let wordCounter: TokenCountingFunction = { text in
    var count = 0
    var inWord = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            if !inWord { count += 1 }
            inWord = true
        } else {
            inWord = false
            if !scalar.properties.isWhitespace { count += 1 }
        }
    }
    return count
}

/// Like ``wordCounter`` but not additive: longer texts cost disproportionately more (`w + w²/4000`), so joined
/// texts cost more than their parts and only the recount of the rendered prompt can tell.
let lumpyCounter: TokenCountingFunction = { text in
    let words = wordCounter(text)
    return words + words * words / 4_000
}

/// SplitMix64: seeded, reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `count` words of filler in sentences of `sentence` words.
func sentences(_ count: Int, sentence: Int = 8, word: String = "lorem") -> String {
    var parts: [String] = []
    var index = 0
    while index < count {
        let length = min(sentence, count - index)
        parts.append((0..<length).map { _ in word }.joined(separator: " ") + ".")
        index += length
    }
    return parts.joined(separator: " ")
}

/// History of `turns` whole turns (user, assistant), chronological.
func history(turns: Int, words: Int = 10, session: String = "s1") -> [HistoryMessage] {
    var result: [HistoryMessage] = []
    let filler = sentences(words - 2)
    for turn in 0..<turns {
        let start = Double(turn * 60)
        result.append(
            HistoryMessage(
                messageId: "\(turn * 2)", sessionId: session, createdAt: Date(timeIntervalSince1970: start),
                role: .user, text: "question \(turn) " + filler))
        result.append(
            HistoryMessage(
                messageId: "\(turn * 2 + 1)", sessionId: session, createdAt: Date(timeIntervalSince1970: start + 30),
                role: .assistant, text: "answer \(turn) " + filler))
    }
    return result
}

let simplePersona = Persona(id: "default", template: "You are a helpful assistant.")

/// The exact count the builder promises, recomputed independently from the rendered prompt.
func recount(_ prompt: Prompt, limits: ModelLimits, counter: TokenCountingFunction) -> Int {
    var total = limits.replyPriming
    if !prompt.system.isEmpty { total += limits.tokensPerMessage + counter("system") + counter(prompt.system) }
    for message in prompt.messages {
        total += limits.tokensPerMessage + counter(message.role.rawValue) + counter(message.text)
    }
    return total
}

/// All candidate ids of an input (plus the two mandatory entries).
func candidateIds(_ input: ContextInput) -> [String] {
    var ids: [String] = ["persona:\(input.persona.id)", "user_message"]
    ids += input.facts.map(\.id)
    ids += input.examples.map(\.id)
    ids += input.documents.map(\.id)
    ids += input.recall.map(\.id)
    ids += input.history.map(\.id)
    return ids
}
