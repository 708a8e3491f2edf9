import ArgumentParser
import Foundation
import Mneme
import MnemeContext
import MnemeStore
import MnemeTokenizer

/// `mneme bench recall`: how often the evidence of a question about an old conversation makes it into a
/// small prompt, Mneme's recall against plain FTS5 BM25 over single messages at the same budget.
struct RecallBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Recall quality: share of questions whose evidence messages reach a 2,000-token prompt.",
        discussion: """
            Reads the set written by scripts/gen_recall_set.py (corpora/recall: one transcript per user, \
            questions with their evidence messages). Each question is asked in a new session of its user, \
            at the set's "now". Mneme: the Engine's own context assembly (recall, budget, trace) with \
            overflow_beyond_max, so that recall may use the whole budget. Baseline, in the same run: plain \
            FTS5 BM25 over single messages (every word OR-ed), packed best first into the same prompt \
            layout until the same budget is spent, counted with the same tokenizer. A question counts when \
            every message of one of its evidence sets is in the prompt and, for Mneme, its answer strings \
            are in the prompt text.
            """
    )

    @Option(help: "The recall set folder.")
    var set = "corpora/recall"

    @Option(help: "Total prompt budget in tokens.")
    var budget = 2_000

    @Option(help: "The model whose tokenizer counts (provider:model; nothing is sent).")
    var model = "openai:gpt-4o"

    @Flag(help: "List every question with its outcome.")
    var verbose = false

    struct Question: Decodable {
        var id: String
        var user: String
        var kind: String
        var question: String
        var evidence: [[String]]
        var answers: [String]
    }

    struct Meta: Decodable {
        var now: String
        var users: [String]
    }

    func run() async throws {
        let meta = try JSONDecoder().decode(Meta.self, from: try read("meta.json"))
        let questions = try String(decoding: try read("questions.jsonl"), as: UTF8.self).split(separator: "\n")
            .map { try JSONDecoder().decode(Question.self, from: Data($0.utf8)) }
        guard let now = ISO8601DateFormatter().date(from: meta.now) else {
            throw ValidationError("meta.json: 'now' is not an ISO 8601 time")
        }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-recall-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = EngineConfiguration(environment: [:])
        configuration.databasePath = folder.appendingPathComponent("recall.sqlite").path
        configuration.model = model
        configuration.extractMemory = false
        configuration.budget.overflowBeyondMax = true
        let engine = try Engine(configuration: configuration)
        var messages = 0
        for user in meta.users {
            let scope = try await engine.store.ensureUser(tenant: "bench", externalID: user).scope
            let text = String(decoding: try read("users/\(user).jsonl"), as: UTF8.self)
            let lines = text.split(separator: "\n").enumerated().map {
                (number: $0.offset + 1, text: String($0.element))
            }
            let report = try await engine.store.importTranscript(lines, for: scope)
            guard report.errors.isEmpty else { throw ValidationError("users/\(user).jsonl: \(report.errors[0])") }
            messages += report.imported
        }
        let tokenizer = try Tokenizer.shared(.o200kBase)
        var ours = Tally()
        var plain = Tally()
        var rows: [[String]] = []
        for question in questions {
            let user = try await engine.store.ensureUser(tenant: "bench", externalID: question.user)
            let prepared = try await engine.prepare(
                tenant: "bench", user: question.user, session: nil, message: question.question,
                options: TurnOptions(model: model, budget: budget))
            _ = now
            let included = Set(
                prepared.context.trace.entries.filter { $0.section == .recall && $0.included }
                    .compactMap { $0.source?.externalId })
            let prompt = prepared.context.prompt.system.lowercased()
            let answered = question.answers.allSatisfy { prompt.contains($0.lowercased()) }
            let oursHit = question.evidence.contains { Set($0).isSubset(of: included) } && answered
            ours.add(question.kind, hit: oursHit, tokens: prepared.promptTokens)

            let (plainIncluded, plainTokens) = try await baseline(
                question.question, scope: user.scope, store: engine.store, tokenizer: tokenizer)
            let plainHit = question.evidence.contains { Set($0).isSubset(of: plainIncluded) }
            plain.add(question.kind, hit: plainHit, tokens: plainTokens)
            rows.append([question.id, question.kind, oursHit ? "yes" : "no", plainHit ? "yes" : "no"])
        }

        Output.line(
            "recall benchmark: \(meta.users.count) users, \(messages) messages, \(questions.count) questions, "
                + "\(budget)-token prompt, \(model) tokenizer")
        if verbose { Output.line(Output.table(["question", "kind", "Mneme", "plain BM25"], rows)) }
        var table: [[String]] = []
        for kind in (ours.kinds.keys.sorted()) + ["all"] {
            let mine = ours.share(kind)
            let theirs = plain.share(kind)
            table.append([
                kind, "\(ours.count(kind))", String(format: "%.0f %%", mine * 100),
                String(format: "%.0f %%", theirs * 100),
            ])
        }
        Output.line(Output.table(["questions", "n", "Mneme recall", "plain FTS5 BM25"], table))
        Output.line(
            "mean prompt tokens: Mneme \(ours.meanTokens), plain BM25 \(plain.meanTokens) (budget \(budget))")
    }

    /// Plain BM25 over single messages, best first, packed into the same layout until the budget is spent.
    private func baseline(_ text: String, scope: UserScope, store: Store, tokenizer: Tokenizer) async throws
        -> (Set<String>, Int)
    {
        let hits = try await store.searchMessages(text, for: scope, limit: 1_000)
        let persona = Persona.assistant.render { _ in nil }.text
        let header = "## Earlier conversations with this user (recalled; may be outdated)"
        // OpenAI chat overheads: 3 per message + the role, 3 to prime the reply; a system and a user message.
        let fixed = 3 + (3 + tokenizer.count("system")) + (3 + tokenizer.count("user")) + tokenizer.count(text)
        var system = persona
        var used = fixed + tokenizer.count(system)
        var included = Set<String>()
        var first = true
        for hit in hits {
            let day = ISO8601DateFormatter.string(
                from: hit.message.createdAt, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let line = "- [\(day) · \(hit.message.role.rawValue)] \(hit.message.content)"
            let addition = (first ? "\n\n" + header : "") + "\n" + line
            let candidate = system + addition
            let cost = fixed + tokenizer.count(candidate)
            guard cost <= budget else { continue }
            system = candidate
            used = cost
            first = false
            if let id = hit.message.externalID { included.insert(id) }
        }
        return (included, used)
    }

    private func read(_ name: String) throws -> Data {
        let path = set + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read \(path) (run scripts/gen_recall_set.py, or pass --set).")
        }
        return data
    }

    /// Hits and prompt sizes per question kind.
    struct Tally {
        var kinds: [String: (hits: Int, total: Int)] = [:]
        var tokens: [Int] = []

        mutating func add(_ kind: String, hit: Bool, tokens: Int) {
            kinds[kind, default: (0, 0)].total += 1
            if hit { kinds[kind, default: (0, 0)].hits += 1 }
            self.tokens.append(tokens)
        }

        func count(_ kind: String) -> Int {
            kind == "all" ? kinds.values.reduce(0) { $0 + $1.total } : kinds[kind]?.total ?? 0
        }

        func share(_ kind: String) -> Double {
            let hits = kind == "all" ? kinds.values.reduce(0) { $0 + $1.hits } : kinds[kind]?.hits ?? 0
            let total = count(kind)
            return total == 0 ? 0 : Double(hits) / Double(total)
        }

        var meanTokens: Int { tokens.isEmpty ? 0 : tokens.reduce(0, +) / tokens.count }
    }
}
