import Foundation
import Mneme
import MnemeContext
import MnemeProviders
import MnemeStore

/// The REPL's state and its slash commands.
struct ChatState {
    enum Outcome { case `continue`, quit }

    let engine: Engine
    let tenant: String
    var user: String
    var model: String?
    var persona: String?
    var session: Int64?

    init(engine: Engine, tenant: String, user: String, model: String?, persona: String?) {
        self.engine = engine
        self.tenant = tenant
        self.user = user
        self.model = model
        self.persona = persona
    }

    static let help = """
        /help              this list
        /user NAME         talk as another user
        /new               start a new session
        /sessions          your sessions
        /profile           what Mneme knows about you
        /remember TEXT     remember something ("my name is Ada", "I prefer short answers", or any note)
        /forget KEY|all    forget one fact, or everything about you (erasure)
        /docs              the indexed documents
        /search QUERY      search the documents
        /model [ROUTE]     show or set the model (provider:model or a route)
        /persona [NAME]    show or set the persona
        /explain           what went into the last prompt, and why
        /budget            the token arithmetic of the last prompt
        /tokens            token counts of the last turn: Mneme's count and the provider's
        /good [NOTE]       rate the last reply up (selects fine-tuning data)
        /bad [NOTE]        rate the last reply down
        /quit              leave (or Ctrl-D)
        """

    /// Runs one turn, streaming the answer; Ctrl-C stops it (the partial answer is kept).
    mutating func turn(_ text: String, interrupts: InterruptWatcher) async {
        let engine = self.engine
        let (tenant, user, session) = (self.tenant, self.user, self.session)
        let options = TurnOptions(model: model, persona: persona)
        let outcome = await interrupts.run { () -> TurnOutcome in
            var outcome = TurnOutcome()
            do {
                for try await event in engine.respond(
                    tenant: tenant, user: user, session: session, message: text, options: options)
                {
                    switch event {
                    case .accepted(let session, _): outcome.session = session
                    case .remembered(let facts):
                        Output.line("(remembered: \(facts.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")))")
                    case .delta(let piece): Output.write(piece)
                    case .notice(let notice): Output.error("\n[\(notice)]")
                    case .finished(let record): outcome.record = record
                    case .routed, .contextAssembled, .usage: break
                    }
                }
                if Task.isCancelled { outcome.stopped = true }
            } catch is CancellationError {
                outcome.stopped = true
            } catch {
                outcome.error = error
            }
            return outcome
        }
        Output.line()
        if let session = outcome.session { self.session = session }
        if outcome.stopped { Output.line("(answer stopped; what was said so far is saved)") }
        if let error = outcome.error { Output.error("error: \(error)") }
    }

    /// Runs a slash command.
    mutating func command(_ line: String) async throws -> Outcome {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0].lowercased()
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "/help": Output.line(Self.help)
        case "/quit", "/exit": return .quit
        case "/user":
            guard !argument.isEmpty else {
                Output.line("You are '\(user)'.")
                break
            }
            user = argument
            session = nil
            Output.line("You are now '\(user)' (a new session starts with your next message).")
        case "/new":
            let created = try await engine.newSession(tenant: tenant, user: user, persona: persona)
            session = created.id
            Output.line("New session \(created.id).")
        case "/sessions": try await sessions()
        case "/profile": try await profile()
        case "/remember": try await remember(argument)
        case "/forget": try await forget(argument)
        case "/docs": try await docs()
        case "/search": try await search(argument)
        case "/model":
            if !argument.isEmpty { model = argument }
            Output.line(
                "Model: \(model ?? engine.defaultModel)" + (model == nil ? " (\(engine.defaultModelReason))" : ""))
        case "/persona":
            if !argument.isEmpty {
                guard engine.configuration.personas[argument] != nil else {
                    Output.line(
                        "No persona '\(argument)'. Known: \(engine.configuration.personas.keys.sorted().joined(separator: ", "))."
                    )
                    break
                }
                persona = argument
            }
            Output.line("Persona: \(persona ?? engine.configuration.defaultPersona)")
        case "/explain", "/budget", "/tokens": try await explain(name)
        case "/good", "/bad": try await rate(name == "/good" ? .up : .down, note: argument)
        default: Output.line("Unknown command \(name); /help lists them.")
        }
        return .continue
    }

    private func scope() async throws -> UserScope { try await engine.user(tenant: tenant, id: user).scope }

    private func rate(_ rating: ReplyFeedback.Rating, note: String) async throws {
        guard let reply = try await engine.lastReply(tenant: tenant, user: user, session: session) else {
            return Output.line("No reply to rate yet.")
        }
        try await engine.feedback(tenant: tenant, user: user, message: reply.id, rating: rating, note: note)
        Output.line("Rated reply \(reply.id) \(rating == .up ? "good" : "bad").")
    }

    private func sessions() async throws {
        let list = try await engine.store.sessions(for: try await scope(), limit: 20)
        if list.isEmpty { return Output.line("No sessions yet.") }
        for summary in list {
            let marker = summary.session.id == session ? "*" : " "
            Output.line(
                "\(marker) \(summary.session.id)  \(summary.messageCount) messages, last \(Output.time(summary.lastMessageAt))"
            )
        }
    }

    private func profile() async throws {
        let facts = try await engine.store.facts(for: try await scope())
        if facts.isEmpty { return Output.line("I know nothing about you yet.") }
        for fact in facts { Output.line("  \(fact.key) = \(fact.value)  (\(fact.source.rawValue))") }
    }

    private func remember(_ text: String) async throws {
        guard !text.isEmpty else { return Output.line("Usage: /remember TEXT") }
        let extracted = FactExtractor().extract(from: text)
        if extracted.isEmpty {
            let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(3)
            let key = "note." + (words.isEmpty ? "text" : words.joined(separator: "_"))
            try await engine.remember(key, text, tenant: tenant, user: user)
            return Output.line("Remembered \(key) = \(text)")
        }
        for fact in extracted {
            try await engine.remember(fact.key, fact.value, tenant: tenant, user: user)
            Output.line("Remembered \(fact.key) = \(fact.value)")
        }
    }

    private mutating func forget(_ key: String) async throws {
        guard !key.isEmpty else { return Output.line("Usage: /forget KEY or /forget all") }
        if key == "all" {
            let report = try await engine.forget(tenant: tenant, user: user)
            session = nil
            return Output.line("Erased everything about '\(user)' (\(report?.total ?? 0) rows).")
        }
        let removed = try await engine.forgetFact(key, tenant: tenant, user: user)
        Output.line(removed ? "Forgot \(key)." : "There is no fact '\(key)'; /profile lists them.")
    }

    private func docs() async throws {
        let documents = try await engine.store.documents(tenant: tenant)
        if documents.isEmpty { return Output.line("No documents; index some with `mneme index PATH`.") }
        for document in documents {
            Output.line("  \(document.title)  (\(document.chunkCount) chunks)  \(document.uri)")
        }
    }

    private func search(_ query: String) async throws {
        let hits = try await engine.store.searchDocuments(query, for: try await scope(), limit: 5)
        if hits.isEmpty { return Output.line("No matching documents.") }
        for hit in hits {
            Output.line("  \(([hit.title] + hit.headingPath.filter { $0 != hit.title }).joined(separator: " › "))")
            Output.line("    \(Output.oneLine(hit.snippet, limit: 160))")
        }
    }

    private func explain(_ what: String) async throws {
        guard let record = try await engine.store.turn(for: try await scope()) else {
            return Output.line("No turn yet: send a message first.")
        }
        guard let trace = try? ContextTrace.decode(json: Data(record.trace.utf8)) else {
            return Output.line("The last turn has no readable trace.")
        }
        switch what {
        case "/budget":
            Output.line(TraceFormatter.sections(trace))
        case "/tokens":
            let reported = record.promptTokens.map(String.init) ?? "not reported"
            Output.line(
                "Prompt: \(record.estimatedPromptTokens ?? 0) tokens by Mneme's count, \(reported) by the provider.")
            Output.line("Reply: \(record.completionTokens.map(String.init) ?? "not reported") tokens (provider).")
        default:
            Output.line(
                "Turn \(record.id) on \(record.model), \(record.status.rawValue), \(record.latencyMilliseconds ?? 0) ms."
            )
            Output.line(TraceFormatter.sections(trace))
            Output.line(TraceFormatter.entries(trace))
        }
    }
}

/// What a turn left for the REPL.
struct TurnOutcome: Sendable {
    var session: Int64?
    var record: TurnRecord?
    var stopped = false
    var error: (any Error)?
}
