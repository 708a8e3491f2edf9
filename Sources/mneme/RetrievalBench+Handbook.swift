import ArgumentParser
import Foundation
import MnemeIngest
import MnemeStore
import MnemeTokenizer

extension RetrievalBench {
    /// A question of `corpora/handbook-questions.md` and the facts that answer it.
    struct HandbookQuestion {
        var text: String
        /// The answer facts, and those quoted in the "also in" column (in parentheses).
        var facts: [String]
    }

    /// The question the chat demo (and `ChatCommandTests`) asks, with its answer.
    static let chatQuestion = HandbookQuestion(text: "How many vacation days do I get?", facts: ["27 working days"])

    /// MRR@5 on the sample handbook's questions as the chat retrieves (5 chunks, at most 3 per
    /// document; a hit is a chunk holding an answer fact), and the rank of the chat demo's answer
    /// among the 8 chunks the engine retrieves.
    func handbookQuality(folder: URL) async throws {
        let questions = try loadHandbookQuestions()
        let store = try Store(path: folder.appendingPathComponent("handbook.sqlite").path)
        let user = try await store.ensureUser(tenant: "bench", externalID: "reader")
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let indexer = Indexer(store: store, chunker: Chunker(count: { tokenizer.count($0) }))
        let report = try await indexer.index([handbook], into: IndexTarget(tenant: "bench", collection: "handbook"))
        var rows: [[String]] = []
        for setting in FeedbackSetting.allCases {
            var reciprocal = 0.0
            var ranks: [String] = []
            for question in questions {
                let hits = try await setting.search(store, question.text, for: user.scope, limit: 5, perDocument: 3)
                let rank = Self.firstAnswer(hits, question.facts)
                reciprocal += rank.map { 1 / Double($0) } ?? 0
                ranks.append(rank.map(String.init) ?? "-")
            }
            let chat = try await setting.search(
                store, Self.chatQuestion.text, for: user.scope, limit: 8, perDocument: 3)
            rows.append([
                "Mneme, \(setting.label)", String(format: "%.3f", reciprocal / Double(questions.count)),
                ranks.joined(separator: " "), Self.firstAnswer(chat, Self.chatQuestion.facts).map(String.init) ?? "-",
            ])
        }
        Output.line(
            "Sample handbook (\(report.chunks) chunks), \(questions.count) questions: MRR@5 with 3 chunks per "
                + "document, the rank of each answer, and the rank of \"\(Self.chatQuestion.text)\" among 8 chunks:")
        Output.line(Output.table(["retriever", "MRR@5", "answer ranks (- not in 5)", "chat question"], rows))
    }

    /// The 1-based rank of the first hit holding one of `facts`.
    static func firstAnswer(_ hits: [ChunkHit], _ facts: [String]) -> Int? {
        hits.firstIndex { hit in facts.contains { hit.text.contains($0) } }.map { $0 + 1 }
    }

    /// The questions of `handbook-questions.md`, next to the handbook folder.
    private func loadHandbookQuestions() throws -> [HandbookQuestion] {
        let path = URL(fileURLWithPath: handbook).deletingLastPathComponent()
            .appendingPathComponent("handbook-questions.md").path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read \(path) (the questions of --handbook).")
        }
        var questions: [HandbookQuestion] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 7, Int(cells[1]) != nil else { continue }
            var facts = cells[4].components(separatedBy: " ; ")
            // "also in" cells quote their fact in parentheses: `hr/expenses.md` (€600).
            for part in cells[5].split(separator: "(").dropFirst() {
                if let end = part.firstIndex(of: ")") { facts.append(String(part[..<end])) }
            }
            questions.append(HandbookQuestion(text: cells[2], facts: facts))
        }
        guard !questions.isEmpty else { throw ValidationError("No questions in \(path).") }
        return questions
    }
}
