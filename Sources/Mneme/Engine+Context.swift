import Foundation
public import MnemeContext
public import MnemeProviders
public import MnemeStore
import MnemeTokenizer
import MnemeTuning

/// A turn ready to send: the route, the assembled context and the provider request.
public struct PreparedTurn: Sendable {
    /// The user the turn is for.
    public let user: User
    /// The route decision.
    public let decision: RouteDecision
    /// The prompt and its trace.
    public let context: BuiltContext
    /// What goes to the provider.
    public let request: ChatRequest
    /// The prompt's size as Mneme counts it for the model.
    public let promptTokens: Int
    /// Whether that count is exact (public tokenizer) or an estimate.
    public let exactCount: Bool
    /// The tokenizer the count used (for example `o200k_base`, or `claude (estimate)`).
    public let tokenizer: String
}

extension Engine {
    /// Assembles the context for `message` without sending or storing anything (a dry run,
    /// as `mneme context` prints it).
    ///
    /// - Parameters:
    ///   - session: the session whose history is used, if any.
    ///   - excludingMessage: the stored id of `message` itself, so it is not also history.
    public func prepare(
        tenant: String,
        user userID: String,
        session: Int64?,
        message: String,
        options: TurnOptions = TurnOptions(),
        excludingMessage: Int64? = nil
    ) async throws -> PreparedTurn {
        // A dry run reads: the user row is written only for a user never seen.
        let user: User
        if let existing = try await store.user(tenant: tenant, externalID: userID) {
            user = existing
        } else {
            user = try await self.user(tenant: tenant, id: userID)
        }
        return try await prepare(
            tenant: tenant, user: user, session: session, message: message, options: options,
            excludingMessage: excludingMessage)
    }

    /// ``prepare(tenant:user:session:message:options:excludingMessage:)`` for a user already
    /// looked up (a turn has it, and need not write the user row twice).
    func prepare(
        tenant: String,
        user: User,
        session: Int64?,
        message: String,
        options: TurnOptions,
        excludingMessage: Int64?
    ) async throws -> PreparedTurn {
        let userID = user.externalID
        let scope = user.scope
        // The session (for its persona) and the tenant's registered routes are read at once.
        let store = self.store
        async let registered = RegisteredRoutes.routes(store: store, tenantID: scope.tenantID, tenant: tenant)
        var personaID = options.persona
        if personaID == nil, let session, let stored = try await store.session(session, for: scope) {
            personaID = stored.persona
        }
        let persona = try persona(personaID)
        let router = RegisteredRoutes.router(
            configured: configuration.routes, registered: try await registered, defaultTarget: defaultTarget)
        let decision = try router.decide(
            RoutingContext(
                tenant: tenant, userAttributes: user.attributes, persona: persona.id, requestedModel: options.model)
        )
        let modelInfo = counter.catalog.info(for: decision.target.model)
        let exact = decision.target.provider != "offline" && modelInfo.tokenizer.exactEncoding != nil
        let count = tokenCounter(model: decision.target.model, exact: exact)

        // The reads are independent: run them at once (SQLite WAL readers in parallel).
        let configuration = self.configuration
        async let factsRead = store.facts(for: scope)
        async let examplesRead = store.examples(tenantID: scope.tenantID, persona: persona.id, matching: message)
        // Feedback is used on indexes of at least 1,000 chunks (QueryExpansion.applies).
        async let documentsRead = store.searchDocuments(
            message, for: scope, limit: configuration.documentCandidates, perDocument: 3,
            feedback: configuration.documentFeedback, snippets: false)
        // The session's recent history and the recall run at once too: the recall leaves out the
        // same last messages of the session, reading their ids itself.
        let recentSession = options.caller?.history.isEmpty ?? true ? session : nil
        let historyLimit = configuration.historyCandidates
        async let historyRead: [Message] =
            if let recentSession {
                store.recentMessages(in: recentSession, for: scope, limit: historyLimit)
            } else {
                []
            }
        let now = options.referenceDate ?? Date()
        let time = TimeReference.find(in: message, now: now)
        var recallRequest = RecallRequest(
            text: time?.remainder ?? message, hits: configuration.recallCandidates,
            excluding: excludingMessage.map { [$0] } ?? [], windows: time?.intervals ?? [],
            recency: time?.prefersRecent == true ? 1 : 0, now: now, neighbors: configuration.recallNeighbors)
        recallRequest.excludingRecent = recentSession.map { .init(session: $0, count: historyLimit) }
        async let recallRead = store.recall(recallRequest, for: scope)
        let history = try await historyRead.filter {
            $0.id != excludingMessage && ($0.role == .user || $0.role == .assistant)
        }
        let (recall, facts, examples, documents) = try await (recallRead, factsRead, examplesRead, documentsRead)
        // Counts the store keeps for this model's encoding are used as they are (messages record their
        // tokenizer; the indexer counts chunks with o200k_base).
        let encoding = exact ? modelInfo.tokenizer.exactEncoding?.rawValue : nil
        func cached(_ message: Message) -> Int? {
            guard let encoding, message.tokenizer == encoding else { return nil }
            return message.tokenCount
        }
        let chunkCounts = encoding == EncodingName.o200kBase.rawValue

        let reserved = reservedOutput(caller: options.caller, modelLimit: modelInfo.maxOutputTokens)
        let margin = configuration.safetyMarginTokens + (exact ? 0 : modelInfo.contextWindow / 50)
        var window = modelInfo.contextWindow
        if let budget = options.budget { window = min(window, budget + reserved + margin) }
        let name = facts.first { $0.key == "preferred_name" }?.value ?? facts.first { $0.key == "name" }?.value
        var variables: [String: String] = [:]
        if let name { variables["preferred_name"] = name }

        var input = ContextInput(
            persona: persona,
            facts: facts.map {
                FactCandidate(
                    key: $0.key, value: $0.value, sourceMessageId: $0.messageID.map(String.init),
                    updatedAt: $0.updatedAt)
            },
            examples: examples.map {
                ExampleCandidate(
                    id: "example:\($0.id)", input: $0.input, output: $0.output, pinned: $0.pinned, score: $0.score)
            },
            documents: documents.map {
                DocumentCandidate(
                    chunkId: String($0.chunkID), documentURI: $0.uri, title: $0.title, headingPath: $0.headingPath,
                    text: $0.text, score: $0.score, tokens: chunkCounts && $0.tokenCount > 0 ? $0.tokenCount : nil)
            },
            recall: recall.compactMap { hit in
                guard let role = ChatRole(rawValue: hit.message.role.rawValue) else { return nil }
                return RecallCandidate(
                    messageId: String(hit.message.id), externalId: hit.message.externalID,
                    sessionId: String(hit.message.sessionID), createdAt: hit.message.createdAt, role: role,
                    speaker: hit.message.metadata["speaker"] ?? (role == .user ? name : nil),
                    text: hit.message.content, score: hit.score, turnId: "turn:\(hit.turn)",
                    tokens: cached(hit.message))
            },
            history: history.compactMap { message in
                guard let role = ChatRole(rawValue: message.role.rawValue) else { return nil }
                return HistoryMessage(
                    messageId: String(message.id), externalId: message.externalID,
                    sessionId: String(message.sessionID), createdAt: message.createdAt, role: role,
                    text: message.content, tokens: cached(message))
            },
            userMessage: message,
            userMessageId: excludingMessage.map(String.init),
            variables: variables,
            limits: .openAIChat(contextWindow: window, reservedOutput: reserved, safetyMargin: margin),
            policy: configuration.budget
        )
        Self.apply(options.caller, to: &input)
        // Exact counts are OpenAI encodings, whose counts add up at line starts: the system text is
        // counted line by line, and the lines repeated between turns come from the count cache.
        var built = try ContextBuilder(policy: configuration.budget, counter: count, countsAddUpAtLineStarts: exact)
            .build(input)
        built.trace.id = "trc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let included = Set(built.trace.entries.filter { $0.included && $0.section == .documents }.map(\.id))
        let passages = zip(input.documents, documents).filter { included.contains($0.0.id) }.map { candidate, hit in
            Passage(title: hit.title, uri: hit.uri, headingPath: hit.headingPath, text: hit.text, score: hit.score)
        }
        var request = ChatRequest(
            model: decision.target.model,
            system: built.prompt.system,
            messages: built.prompt.messages.map {
                ChatTurn(role: $0.role == .user ? .user : .assistant, text: $0.text)
            },
            maxOutputTokens: reserved,
            user: userID,
            grounding: Grounding(
                userName: name, passages: passages, facts: facts.map { Fact(key: $0.key, value: $0.value) })
        )
        Self.apply(options.caller, to: &request)
        return PreparedTurn(
            user: user, decision: decision, context: built, request: request, promptTokens: built.trace.budget.total,
            exactCount: exact,
            tokenizer: exact ? (modelInfo.tokenizer.exactEncoding?.rawValue ?? "") : "\(modelInfo.tokenizer) (estimate)"
        )
    }

    /// The token counter for a model: its exact tokenizer, or the high-side estimator.
    func tokenCounter(model: String, exact: Bool) -> TokenCountingFunction {
        let counter = self.counter
        if exact, let tokenizer = try? counter.tokenizer(forModel: model) {
            let cache = countCache
            let encoding = tokenizer.encoding.rawValue
            return { cache.count($0, encoding: encoding) { tokenizer.count($0) } }
        }
        let fallback = try? Tokenizer.shared(.o200kBase)
        return { text in
            (try? counter.count(text, model: model).tokens) ?? fallback?.count(text) ?? text.utf8.count / 3 + 1
        }
    }
}
