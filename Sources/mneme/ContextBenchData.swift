import Foundation
import MnemeTuning

/// The seeded workload of `mneme bench context`, written as plain files so that the Python peer reads exactly
/// the same data: English-like text drawn from the words of the sample handbook with Zipf frequencies.
struct ContextBenchData {
    struct Turn: Codable {
        var session: Int
        var user: String
        var assistant: String
        var createdAt: Double
    }

    struct Example: Codable {
        var input: String
        var output: String
        var pinned: Bool
    }

    struct Chunk: Codable {
        var document: Int
        var title: String
        var text: String
    }

    var turns: [Turn] = []
    var facts: [String: String] = [:]
    var examples: [Example] = []
    var chunks: [Chunk] = []
    var queries: [String] = []

    /// Words by frequency with a Zipf sampler (weight of rank r: 1 / r^1.07).
    struct Vocabulary {
        let table: ZipfTable

        init(corpus: String) {
            var counts: [String: Int] = [:]
            for word in corpus.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count > 1 {
                counts[String(word), default: 0] += 1
            }
            var ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            if ranked.count < 500 {
                // No corpus: pronounceable pseudo-words.
                let syllables = ["ka", "lo", "men", "ri", "sta", "vo", "den", "pra", "ul", "tes", "mor", "ni"]
                ranked = (0..<5_000).map { index in
                    (0..<(2 + index % 3)).map { syllables[(index / (1 + $0 * 7) + $0) % syllables.count] }.joined()
                }
            }
            table = ZipfTable(words: ranked, exponent: 1.07)
        }

        func word(_ rng: inout SplitMix64) -> String {
            table.word(at: Double.random(in: 0..<table.total, using: &rng))
        }

        /// Sentences of 6–18 words until `words` words.
        func text(_ rng: inout SplitMix64, words count: ClosedRange<Int>) -> String {
            let total = Int.random(in: count, using: &rng)
            var sentences: [String] = []
            var written = 0
            while written < total {
                let length = min(Int.random(in: 6...18, using: &rng), total - written)
                var parts = (0..<length).map { _ in word(&rng) }
                parts[0] = parts[0].prefix(1).uppercased() + parts[0].dropFirst()
                sentences.append(parts.joined(separator: " ") + ".")
                written += length
            }
            return sentences.joined(separator: " ")
        }
    }

    /// Generates the workload; `corpus` is any English text (the sample handbook).
    init(
        corpus: String, turns turnCount: Int, sessions: Int, facts factCount: Int, examples exampleCount: Int,
        chunks chunkCount: Int, queries queryCount: Int, seed: UInt64 = 42
    ) {
        var rng = SplitMix64(seed: seed)
        let vocabulary = Vocabulary(corpus: corpus)
        let start = 1_735_689_600.0  // 2025-01-01
        let perSession = max(1, turnCount / max(sessions, 1))
        turns = (0..<turnCount).map { index in
            Turn(
                session: min(index / perSession, sessions - 1),
                user: vocabulary.text(&rng, words: 4...30).dropLast() + "?",
                assistant: vocabulary.text(&rng, words: 20...120),
                createdAt: start + Double(index) * 3_600)
        }
        for index in 0..<factCount { facts["fact_\(index)"] = vocabulary.text(&rng, words: 2...8) }
        examples = (0..<exampleCount).map { index in
            Example(
                input: vocabulary.text(&rng, words: 5...20).dropLast() + "?",
                output: vocabulary.text(&rng, words: 20...60), pinned: index < 2)
        }
        chunks = (0..<chunkCount).map { index in
            Chunk(document: index / 50, title: "Document \(index / 50)", text: vocabulary.text(&rng, words: 100...220))
        }
        let openers = ["How do I", "What is the", "Can you explain", "Where can I find", "Why does", "Is there a"]
        queries = (0..<queryCount).map { _ in
            openers.randomElement(using: &rng)! + " "
                + (0..<Int.random(in: 3...8, using: &rng)).map { _ in
                    vocabulary.word(&rng)
                }.joined(separator: " ") + "?"
        }
    }

    /// Writes `turns.jsonl`, `facts.json`, `examples.jsonl`, `chunks.jsonl` and `queries.txt` into `folder`.
    func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        func lines<T: Encodable>(_ values: [T], _ name: String) throws {
            var data = Data()
            for value in values {
                data.append(try encoder.encode(value))
                data.append(0x0A)
            }
            try data.write(to: folder.appendingPathComponent(name))
        }
        try lines(turns, "turns.jsonl")
        try lines(examples, "examples.jsonl")
        try lines(chunks, "chunks.jsonl")
        try encoder.encode(facts).write(to: folder.appendingPathComponent("facts.json"))
        try Data((queries.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("queries.txt"))
    }
}
