import Foundation
import MnemeTuning
import Testing

@Suite struct SplitterTests {
    /// A random file: conversations cut into several examples (growing prefixes that share the
    /// first user message), exact copies, and near copies whose first message differs by one word.
    struct Corpus {
        var lines: [String] = []
        /// The conversation of each line.
        var conversation: [String: Int] = [:]
        /// Lines that are near copies of each other.
        var nearPairs: [(String, String)] = []
    }

    static func words(_ count: Int, _ generator: inout SplitMix64) -> String {
        let syllables = ["ka", "lu", "mi", "ne", "ro", "sa", "ti", "vo", "ze", "pa", "do", "fi", "gu", "ho", "je"]
        return (0..<count).map { _ in
            (0..<3).map { _ in syllables[Int(generator.next() % UInt64(syllables.count))] }.joined()
        }.joined(separator: " ")
    }

    static func line(_ messages: [(String, String)]) -> String {
        let example = TrainingExample(
            system: "You are Lumen.", messages: messages.flatMap { [.user($0.0), .assistant($0.1)] })
        return DatasetCodec.lines(example, as: .openAI)[0]
    }

    static func corpus(seed: UInt64) -> Corpus {
        var generator = SplitMix64(seed: seed &+ 1_000)
        var corpus = Corpus()
        let conversations = 5 + Int(generator.next() % 30)
        for id in 0..<conversations {
            let turns = (0..<(1 + Int(generator.next() % 4))).map { _ in
                (words(10, &generator), words(12, &generator))
            }
            for end in 1...turns.count where end == turns.count || generator.next() % 2 == 0 {
                let text = line(Array(turns[..<end]))
                corpus.lines.append(text)
                corpus.conversation[text] = id
            }
            if generator.next() % 4 == 0, let original = corpus.lines.last {
                corpus.lines.append(original)  // an exact duplicate
            }
            if generator.next() % 3 == 0 {
                var first = turns[0].0.split(separator: " ").map(String.init)
                first[0] = "changed"
                let near = line([(first.joined(separator: " "), turns[0].1)] + turns.dropFirst())
                let original = line(turns)
                if corpus.conversation[original] == nil {
                    corpus.lines.append(original)
                    corpus.conversation[original] = id
                }
                corpus.lines.append(near)
                corpus.conversation[near] = id
                corpus.nearPairs.append((original, near))
            }
        }
        // Shuffle so related lines are not adjacent.
        for index in stride(from: corpus.lines.count - 1, to: 0, by: -1) {
            corpus.lines.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        return corpus
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test(arguments: 0..<60)
    func splitsWithoutLeakageDeterministicallyAndLoseNothing(seed: Int) throws {
        let corpus = Self.corpus(seed: UInt64(seed))
        let fraction = [0.05, 0.1, 0.2, 0.3, 0.5][seed % 5]
        let splitter = try DatasetSplitter(validationFraction: fraction, seed: UInt64(seed))
        let text = corpus.lines.joined(separator: "\n") + "\n"
        let result = splitter.split(text, format: .openAI)
        let train = Self.lines(result.train)
        let validation = Self.lines(result.validation)

        #expect((train + validation).sorted() == corpus.lines.sorted(), "every line exactly once")
        #expect(result.trainCount == train.count && result.validationCount == validation.count)
        #expect(!train.isEmpty && !validation.isEmpty)
        let trainConversations = Set(train.compactMap { corpus.conversation[$0] })
        let validationConversations = Set(validation.compactMap { corpus.conversation[$0] })
        #expect(trainConversations.isDisjoint(with: validationConversations), "a conversation is on one side only")
        #expect(Set(train).isDisjoint(with: Set(validation)), "no identical example on both sides")
        for (original, near) in corpus.nearPairs {
            #expect(validation.contains(original) == validation.contains(near), "near copies stay together")
        }
        let again = splitter.split(text, format: .openAI)
        #expect(again.train == result.train && again.validation == result.validation, "the same seed, the same split")
    }

    @Test(arguments: 0..<10)
    func vertexFilesKeepConversationsTogetherToo(seed: Int) throws {
        let corpus = Self.corpus(seed: UInt64(seed))
        var conversation: [String: Int] = [:]
        let lines = corpus.lines.map { line -> String in
            let example = DatasetCodec.decode(line, as: .openAI).records[0].example
            let vertex = DatasetCodec.lines(example, as: .vertex)[0]
            conversation[vertex] = corpus.conversation[line]
            return vertex
        }
        let result = try DatasetSplitter(validationFraction: 0.3, seed: UInt64(seed))
            .split(lines.joined(separator: "\n"), format: .vertex)
        let train = Set(Self.lines(result.train).compactMap { conversation[$0] })
        let validation = Set(Self.lines(result.validation).compactMap { conversation[$0] })
        #expect(train.isDisjoint(with: validation))
        #expect(result.trainCount + result.validationCount == lines.count)
    }

    @Test func theSeedChangesTheSplitAndTheFractionIsRespected() throws {
        let text = (0..<200).map {
            Self.line([("Question \($0) " + String(repeating: "x\($0) ", count: 3), "Answer \($0)")])
        }
        .joined(separator: "\n")
        let splits = try (0..<5).map {
            try DatasetSplitter(validationFraction: 0.1, seed: UInt64($0)).split(text, format: .openAI)
        }
        #expect(Set(splits.map(\.validation)).count == 5)
        #expect(splits.allSatisfy { $0.validationCount == 20 && $0.trainCount == 180 })
    }

    @Test func singleTurnFormatsKeepHeadersAndRecords() throws {
        var csv = "input,output\n"
        for index in 0..<20 { csv += "\"Question \(index), about item \(index * 13)\",Answer \(index)\n" }
        let result = try DatasetSplitter(validationFraction: 0.25, seed: 7).split(csv, format: .csv)
        #expect(result.train.hasPrefix("input,output\n") && result.validation.hasPrefix("input,output\n"))
        #expect(result.validationCount == 5)
        let records =
            DatasetCodec.decode(result.train, as: .csv).records.count
            + DatasetCodec.decode(result.validation, as: .csv).records.count
        #expect(records == 20)
    }

    @Test func badArgumentsAreErrorsAndTinyFilesDoNotCrash() throws {
        #expect(throws: DatasetError.self) { try DatasetSplitter(validationFraction: 0, seed: 1) }
        #expect(throws: DatasetError.self) { try DatasetSplitter(validationFraction: 1.5, seed: 1) }
        let splitter = try DatasetSplitter(validationFraction: 0.5, seed: 1)
        #expect(splitter.split("", format: .openAI).validationCount == 0)
        let one = splitter.split(Self.line([("q", "a")]) + "\n", format: .openAI)
        #expect(one.trainCount == 1 && one.validationCount == 0)
        let broken = splitter.split("not json\n{\"also\":\"bad\"}\n", format: .openAI)
        #expect(broken.trainCount + broken.validationCount == 2, "unreadable lines are kept")
    }
}
