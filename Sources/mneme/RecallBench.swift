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

    @Option(help: "Total prompt budgets in tokens, comma-separated (the first is the headline).")
    var budgets = "2000,1000"

    @Option(help: "The model whose tokenizer counts (provider:model; nothing is sent).")
    var model = "openai:gpt-4o"

    @Option(help: "recall_candidates of the second Mneme column (the first uses the product default).")
    var wide = 24

    @Flag(help: "Offer the turn before each recalled turn too (recall_neighbors) in the Mneme columns.")
    var neighbors = false

    @Flag(help: "List every question with its outcome.")
    var verbose = false

    struct Question: Decodable {
        var id: String
        var user: String
        var kind: String
        var question: String
        var evidence: [[String]]
        var answers: [String]

        /// Whether one evidence set is wholly included and every answer string is in the prompt.
        func isAnswered(included: Set<String>, prompt: String) -> Bool {
            let text = prompt.lowercased()
            return evidence.contains { Set($0).isSubset(of: included) }
                && answers.allSatisfy { text.contains($0.lowercased()) }
        }
    }

    struct Meta: Decodable {
        var now: String
        var users: [String]
    }

    /// One way of filling the prompt, measured on every question.
    enum Method: CaseIterable {
        case plain, before, mneme, mnemeWide

        func title(defaultHits: Int, wide: Int) -> String {
            switch self {
            case .plain: "plain FTS5 BM25"
            case .before: "Mneme before (single messages, \(defaultHits))"
            case .mneme: "Mneme (\(defaultHits) hits → turns)"
            case .mnemeWide: "Mneme (\(wide) hits → turns)"
            }
        }
    }

    func run() async throws {
        let meta = try JSONDecoder().decode(Meta.self, from: try read("meta.json"))
        let questions = try String(decoding: try read("questions.jsonl"), as: UTF8.self).split(separator: "\n")
            .map { try JSONDecoder().decode(Question.self, from: Data($0.utf8)) }
        guard let now = ISO8601DateFormatter().date(from: meta.now) else {
            throw ValidationError("meta.json: 'now' is not an ISO 8601 time")
        }
        let sizes = budgets.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 200 }) else { throw ValidationError("--budgets: e.g. 2000,1000") }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-recall-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func engine(hits: Int?) throws -> Engine {
            var configuration = EngineConfiguration(environment: [:])
            configuration.databasePath = folder.appendingPathComponent("recall.sqlite").path
            configuration.model = model
            configuration.extractMemory = false
            configuration.budget.overflowBeyondMax = true
            if let hits { configuration.recallCandidates = hits }
            configuration.recallNeighbors = neighbors
            return try Engine(configuration: configuration)
        }
        let standard = try engine(hits: nil)
        let wideEngine = try engine(hits: wide)
        let defaultHits = EngineConfiguration(environment: [:]).recallCandidates
        var messages = 0
        for user in meta.users {
            let scope = try await standard.store.ensureUser(tenant: "bench", externalID: user).scope
            let text = String(decoding: try read("users/\(user).jsonl"), as: UTF8.self)
            let lines = text.split(separator: "\n").enumerated().map {
                (number: $0.offset + 1, text: String($0.element))
            }
            let report = try await standard.store.importTranscript(lines, for: scope)
            guard report.errors.isEmpty else { throw ValidationError("users/\(user).jsonl: \(report.errors[0])") }
            messages += report.imported
        }
        let tokenizer = try Tokenizer.shared(.o200kBase)
        Output.line(
            "recall benchmark: \(meta.users.count) users, \(messages) messages, \(questions.count) questions, "
                + "\(model) tokenizer, questions asked at \(meta.now) in a new session")
        for budget in sizes {
            var tallies = [Method: Tally]()
            var rows: [[String]] = []
            for question in questions {
                let scope = try await standard.store.ensureUser(tenant: "bench", externalID: question.user).scope
                var row = [question.id, question.kind]
                for method in Method.allCases {
                    let (included, tokens, prompt): (Set<String>, Int, String)
                    switch method {
                    case .plain:
                        (included, tokens, prompt) = try await plain(
                            question.question, scope: scope, store: standard.store, tokenizer: tokenizer, budget: budget
                        )
                    case .before:
                        (included, tokens, prompt) = try await before(
                            question.question, scope: scope, store: standard.store, tokenizer: tokenizer,
                            budget: budget, hits: defaultHits, policy: standard.configuration.budget)
                    case .mneme, .mnemeWide:
                        let prepared = try await (method == .mneme ? standard : wideEngine).prepare(
                            tenant: "bench", user: question.user, session: nil, message: question.question,
                            options: TurnOptions(model: model, budget: budget, referenceDate: now))
                        included = Self.recalled(prepared.context.trace)
                        (tokens, prompt) = (prepared.promptTokens, prepared.context.prompt.system)
                    }
                    let hit = question.isAnswered(included: included, prompt: prompt)
                    tallies[method, default: Tally()].add(question.kind, hit: hit, tokens: tokens)
                    row.append(hit ? "yes" : "no")
                }
                rows.append(row)
            }
            Output.line("\n\(budget)-token prompt")
            let titles = Method.allCases.map { $0.title(defaultHits: defaultHits, wide: wide) }
            if verbose { Output.line(Output.table(["question", "kind"] + titles, rows)) }
            let kinds = (tallies[.plain]?.kinds.keys.sorted() ?? []) + ["all"]
            let table = kinds.map { kind in
                [kind, "\(tallies[.plain]?.count(kind) ?? 0)"]
                    + Method.allCases.map { String(format: "%.0f %%", (tallies[$0]?.share(kind) ?? 0) * 100) }
            }
            Output.line(Output.table(["questions", "n"] + titles, table))
            Output.line(
                "mean prompt tokens: "
                    + Method.allCases.map {
                        "\(titles[Method.allCases.firstIndex(of: $0)!]) \(tallies[$0]?.meanTokens ?? 0)"
                    }
                    .joined(separator: ", "))
        }
    }

    /// The external ids of the recalled messages a trace includes.
    static func recalled(_ trace: ContextTrace) -> Set<String> {
        Set(trace.entries.filter { $0.section == .recall && $0.included }.compactMap { $0.source?.externalId })
    }

    /// Mneme's recall as it was before turns, time references and near-duplicates: the 8 best single messages
    /// (every word OR-ed) through the same builder and policy.
    private func before(
        _ text: String, scope: UserScope, store: Store, tokenizer: Tokenizer, budget: Int, hits: Int,
        policy: BudgetPolicy
    ) async throws -> (Set<String>, Int, String) {
        let found = try await store.searchMessages(text, for: scope, limit: hits)
        let input = ContextInput(
            persona: .assistant,
            recall: found.compactMap { hit in
                guard let role = ChatRole(rawValue: hit.message.role.rawValue) else { return nil }
                return RecallCandidate(
                    messageId: String(hit.message.id), externalId: hit.message.externalID,
                    sessionId: String(hit.message.sessionID), createdAt: hit.message.createdAt, role: role,
                    text: hit.message.content, score: hit.score)
            },
            userMessage: text,
            limits: .openAIChat(contextWindow: budget + 1_024 + 64, reservedOutput: 1_024, safetyMargin: 64),
            policy: policy)
        let built = try ContextBuilder(policy: policy, counter: { tokenizer.count($0) }).build(input)
        return (Self.recalled(built.trace), built.trace.budget.total, built.prompt.system)
    }

    /// Plain BM25 over single messages, best first, packed into the same layout until the budget is spent.
    private func plain(_ text: String, scope: UserScope, store: Store, tokenizer: Tokenizer, budget: Int)
        async throws -> (Set<String>, Int, String)
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
            // Token counts are nearly additive at a line break: skip lines that clearly do not fit, count the
            // whole prompt exactly for the others.
            guard used + tokenizer.count(addition) <= budget + 2 else { continue }
            let candidate = system + addition
            let cost = fixed + tokenizer.count(candidate)
            guard cost <= budget else { continue }
            system = candidate
            used = cost
            first = false
            if let id = hit.message.externalID { included.insert(id) }
        }
        return (included, used, system.lowercased())
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
