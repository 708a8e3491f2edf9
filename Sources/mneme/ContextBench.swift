import ArgumentParser
import Foundation
import Mneme
import MnemeContext
import MnemeStore
import MnemeTokenizer

/// `mneme bench context`: assembling one turn's prompt end to end (SQLite reads included) for a user with a
/// long history, profile, few-shot examples and a large document index; the LangChain peer on the same data
/// in the same run.
struct ContextBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Prompt assembly per turn, end to end, against LangChain on the same data.",
        discussion: """
            Mneme: Engine.prepare (user, session, facts, few-shot FTS, document FTS over every chunk, the \
            session's recent history, recall over older sessions, exact o200k counts, budget, trace) for short \
            chat messages in the user's latest session. Also timed on their own: the document search, and \
            prepare without documents. The peer (scripts/bench_context_peer.py, run with --python) does the \
            closest LangChain equivalent on the same files: history and facts read from SQLite, \
            BM25Retriever over the chunks, over the examples and over older messages, trim_messages with a \
            tiktoken counter, ChatPromptTemplate.
            """
    )

    @Option(help: "Past turns (a user message and its answer each).") var turns = 2_000
    @Option(help: "Sessions the turns are spread over (the question goes to the last).") var sessions = 50
    @Option(help: "Profile facts.") var facts = 50
    @Option(help: "Few-shot examples (2 pinned).") var examples = 100
    @Option(help: "Document chunks.") var chunks = 100_000
    @Option(help: "Prompt budget in tokens.") var budget = 8_192
    @Option(help: "Timed turns (after 20 warm-up turns).") var queries = 200
    @Option(help: "Python with langchain-core, langchain-community, rank_bm25 and tiktoken.")
    var python = "/tmp/mneme-lc-venv/bin/python"
    @Option(help: "The peer script.") var peer = "scripts/bench_context_peer.py"
    @Option(help: "The tiktoken vocabularies for the peer.") var vocabularies = "Sources/MnemeTokenizer/Resources"
    @Option(help: "Folder for the temporary files (default: the system's temporary folder).") var dir: String?

    func run() async throws {
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory())
            .appendingPathComponent("mneme-bench-context-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = EngineSetup.sampleCorpus().flatMap(Self.readTree) ?? ""
        let data = ContextBenchData(
            corpus: corpus, turns: turns, sessions: sessions, facts: facts, examples: examples, chunks: chunks,
            queries: queries + 20)
        try data.write(to: folder)
        Output.error("loading \(turns) turns, \(facts) facts, \(examples) examples, \(chunks) chunks…")
        let (session, scope) = try await load(data, database: folder.appendingPathComponent("bench.sqlite").path)

        let full = try engine(folder, documents: true)
        let noDocuments = try engine(folder, documents: false)
        let options = TurnOptions(model: "openai:gpt-4o", budget: budget)
        func prepare(_ engine: Engine, _ text: String) async throws -> PreparedTurn {
            try await engine.prepare(tenant: "bench", user: "u1", session: session, message: text, options: options)
        }
        // As `mneme serve` and `mneme chat` do at start: the document index's frequent words are
        // loaded into the search cache before the first turn.
        let preloadStart = Date()
        try await full.store.preloadSearchCache()
        await full.store.waitForSearchCache()
        let preload = Date().timeIntervalSince(preloadStart)
        for text in data.queries.prefix(20) {
            _ = try await prepare(full, text)
            _ = try await prepare(noDocuments, text)
        }
        let timed = Array(data.queries.dropFirst(20))
        var total = Timings()
        var withoutDocuments = Timings()
        var documents = Timings()
        var sample: PreparedTurn?
        for text in timed {
            sample = try await total.measure { try await prepare(full, text) }
            _ = try await withoutDocuments.measure { try await prepare(noDocuments, text) }
            _ = try await documents.measure {
                try await full.store.searchDocuments(
                    text, for: scope, limit: full.configuration.documentCandidates, perDocument: 3, snippets: false)
            }
        }
        let parts = try await breakdown(full, session: session, scope: scope, queries: timed)
        let theirs = runPeer(folder)

        Output.line(
            "context benchmark: \(turns) past turns in \(sessions) sessions, \(facts) facts, \(examples) examples, "
                + "\(chunks) chunks, \(budget)-token budget, \(timed.count) short chat messages")
        let cache = full.store.searchCacheSize
        Output.line(
            "search cache: preloaded in \(String(format: "%.1f", preload)) s; after the run \(cache.lists) lists, "
                + "\(String(format: "%.0f", Double(cache.postings) * 8 / 1e6)) MB")
        if let sample {
            let sections = sample.context.trace.budget.sections.filter { $0.usedTokens > 0 }
                .map { "\($0.section.rawValue) \($0.usedTokens)" }.joined(separator: ", ")
            Output.line("Mneme prompt: \(sample.promptTokens) tokens (exact o200k); \(sections)")
        }
        var rows = [
            ["prompt per turn, end to end", ms(total, 50), ms(total, 99)],
            ["  of which document search (alone)", ms(documents, 50), ms(documents, 99)],
            ["prompt per turn without documents", ms(withoutDocuments, 50), ms(withoutDocuments, 99)],
        ]
        Output.line(
            "Mneme store reads, each alone (p50): "
                + parts.map { "\($0.0) \(ms($0.1, 50)) ms" }.joined(separator: ", "))
        if let theirs {
            let peerRows: [(String, String)] = [("total", "total"), ("docs", "docs"), ("no_docs", "no_docs")]
            for (index, (key, _)) in peerRows.enumerated() {
                let p50 = theirs["\(key)_p50_ms"] as? Double ?? 0
                let p99 = theirs["\(key)_p99_ms"] as? Double ?? 0
                let ours = [total, documents, withoutDocuments][index].percentile(50) * 1000
                rows[index] += [
                    String(format: "%.3f", p50), String(format: "%.3f", p99), String(format: "%.1fx", p50 / ours),
                ]
            }
            Output.line(
                "LangChain prompt: \(theirs["prompt_tokens"] as? Int ?? 0) tokens (tiktoken o200k); "
                    + "langchain-core \(theirs["langchain_core"] as? String ?? "?"), "
                    + "langchain-community \(theirs["langchain_community"] as? String ?? "?")")
            Output.line(
                Output.table(
                    ["per turn", "Mneme p50 (ms)", "Mneme p99 (ms)", "LangChain p50", "LangChain p99", "p50 ratio"],
                    rows))
        } else {
            Output.line(Output.table(["per turn", "Mneme p50 (ms)", "Mneme p99 (ms)"], rows))
            Output.line("(peer skipped: \(python) or \(peer) is missing, or the peer failed; see above)")
        }
    }

    /// The store reads of a turn, each timed on its own for the same messages (p50 of each).
    private func breakdown(_ engine: Engine, session: Int64, scope: UserScope, queries: [String]) async throws
        -> [(String, Timings)]
    {
        let store = engine.store
        let configuration = engine.configuration
        var parts: [(String, Timings)] = [
            ("user lookup", Timings()), ("session", Timings()), ("facts", Timings()), ("few-shot FTS", Timings()),
            ("recent history", Timings()), ("recall", Timings()),
        ]
        for text in queries {
            _ = try await parts[0].1.measure { try await store.user(tenant: "bench", externalID: "u1") }
            _ = try await parts[1].1.measure { try await store.session(session, for: scope) }
            _ = try await parts[2].1.measure { try await store.facts(for: scope) }
            _ = try await parts[3].1.measure {
                try await store.examples(tenantID: scope.tenantID, persona: "assistant", matching: text)
            }
            let history = try await parts[4].1.measure {
                try await store.recentMessages(in: session, for: scope, limit: configuration.historyCandidates)
            }
            _ = try await parts[5].1.measure {
                try await store.recall(
                    RecallRequest(text: text, hits: configuration.recallCandidates, excluding: Set(history.map(\.id))),
                    for: scope)
            }
        }
        return parts
    }

    private func ms(_ timings: Timings, _ percentile: Double) -> String {
        String(format: "%.3f", timings.percentile(percentile) * 1000)
    }

    private func engine(_ folder: URL, documents: Bool) throws -> Engine {
        var configuration = EngineConfiguration(environment: [:])
        configuration.databasePath = folder.appendingPathComponent("bench.sqlite").path
        configuration.model = "openai:gpt-4o"
        configuration.extractMemory = false
        if !documents { configuration.documentCandidates = 0 }
        return try Engine(configuration: configuration)
    }

    /// Stores the workload; returns the latest session (where the questions go) and the user's scope.
    private func load(_ data: ContextBenchData, database: String) async throws -> (Int64, UserScope) {
        let store = try Store(path: database)
        let scope = try await store.ensureUser(tenant: "bench", externalID: "u1").scope
        let tokenizer = try Tokenizer.shared(.o200kBase)
        var session: Int64 = 0
        for index in 0..<sessions {
            session = try await store.createSession(for: scope, persona: "assistant").id
            // As the Engine stores them: each message with its o200k count (for the default OpenAI model).
            let rows = data.turns.filter { $0.session == index }.flatMap { turn in
                [
                    NewMessage(
                        role: .user, content: turn.user, tokenCount: tokenizer.count(turn.user),
                        tokenizer: "o200k_base",
                        createdAt: Date(timeIntervalSince1970: turn.createdAt)),
                    NewMessage(
                        role: .assistant, content: turn.assistant, tokenCount: tokenizer.count(turn.assistant),
                        tokenizer: "o200k_base", createdAt: Date(timeIntervalSince1970: turn.createdAt + 30)),
                ]
            }
            if !rows.isEmpty { try await store.append(contentsOf: rows, to: session, for: scope) }
        }
        for (key, value) in data.facts.sorted(by: { $0.key < $1.key }) {
            try await store.setFact(NewFact(key: key, value: value), for: scope)
        }
        for example in data.examples {
            try await store.addExample(
                tenant: "bench", persona: "assistant", input: example.input, output: example.output,
                pinned: example.pinned)
        }
        let documents = Dictionary(grouping: data.chunks, by: \.document).sorted { $0.key < $1.key }
        for batch in stride(from: 0, to: documents.count, by: 100) {
            try await store.replaceDocuments(
                documents[batch..<min(batch + 100, documents.count)].map { document, chunks in
                    DocumentInput(
                        collection: "docs", uri: "docs/\(document).md", title: chunks[0].title, format: "text",
                        size: 0, modifiedAt: Date(), contentHash: "\(document)",
                        chunks: chunks.map {
                            NewChunk(
                                headingPath: [], text: $0.text, startOffset: 0, endOffset: $0.text.utf8.count,
                                tokenCount: tokenizer.count($0.text))
                        })
                },
                tenant: "bench")
        }
        return (session, scope)
    }

    /// Runs the LangChain peer on the same files; `nil` when it cannot run.
    private func runPeer(_ folder: URL) -> [String: Any]? {
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: peer)
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [peer, folder.path, vocabularies, String(budget), "20"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONSerialization.jsonObject(with: output) as? [String: Any]
    }

    /// Every Markdown and text file under `path`, concatenated.
    static func readTree(_ path: String) -> String? {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return nil }
        var text = ""
        for case let name as String in walker where name.hasSuffix(".md") || name.hasSuffix(".txt") {
            text += (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? ""
        }
        return text
    }
}
