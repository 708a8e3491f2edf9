import Foundation
import MnemeContext
import MnemeProviders
import MnemeStore
import MnemeTokenizer
import Synchronization

extension Engine {
    /// Runs one turn and reports it as events (see ``TurnEvent``).
    ///
    /// The user message is stored before anything else; the reply, usage, latency and trace are
    /// stored together at the end. If the provider fails or the consumer stops listening
    /// (cancellation), the text so far is stored as a `partial` or `failed` reply, so nothing
    /// is lost and the turn can be retried.
    ///
    /// - Parameter session: the session to continue, or `nil` for a new one.
    public func respond(
        tenant: String,
        user: String,
        session: Int64?,
        message: String,
        options: TurnOptions = TurnOptions()
    ) -> AsyncThrowingStream<TurnEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<TurnEvent, any Error>.makeStream()
        let task = Task {
            do {
                try await runTurn(
                    tenant: tenant, user: user, session: session, message: message, options: options,
                    emit: { continuation.yield($0) })
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func runTurn(
        tenant: String,
        user userID: String,
        session requested: Int64?,
        message: String,
        options: TurnOptions,
        emit: @escaping @Sendable (TurnEvent) -> Void
    ) async throws {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw EngineError(.emptyMessage, "The message is empty.") }
        let started = ContinuousClock.now
        let user = try await self.user(tenant: tenant, id: userID)
        let scope = user.scope
        let session: Session
        if let requested {
            guard let found = try await store.session(requested, for: scope) else {
                throw EngineError(.unknownSession, "User \(userID) has no session \(requested).")
            }
            session = found
        } else {
            session = try await store.createSession(for: scope, persona: options.persona)
        }

        // 1. Persist the message first: whatever fails later, it is kept.
        let (tokens, tokenizer) = likelyCount(message, model: options.model)
        let stored = try await store.append(
            NewMessage(role: .user, content: message, tokenCount: tokens, tokenizer: tokenizer), to: session.id,
            for: scope)
        emit(.accepted(session: session.id, userMessageID: stored.id))

        // 2. Memory (the model-based extractor, if configured, runs after the reply).
        if configuration.extractMemory {
            let facts = try await extractWithRules(message, messageID: stored.id, scope: scope)
            if !facts.isEmpty { emit(.remembered(facts)) }
        }

        // 3. Route and context.
        let prepared = try await prepare(
            tenant: tenant, user: user, session: session.id, message: message, options: options,
            excludingMessage: stored.id)
        emit(.routed(prepared.decision))
        emit(
            .contextAssembled(tokens: prepared.promptTokens, exact: prepared.exactCount, trace: prepared.context.trace))
        let trace = (try? String(decoding: prepared.context.trace.jsonData(), as: UTF8.self)) ?? "{}"

        // 4. Stream the reply.
        var retry = RetryPolicy()
        retry.onRetry = { notice in emit(.notice(notice.description)) }
        let factory = ProviderFactory(
            environment: environment, http: http, retry: retry,
            offline: OfflineProvider(chunkDelay: configuration.offlineChunkDelay))
        var reply = ""
        var usage: Usage?
        var status = Message.Status.complete
        var failure: (any Error)?
        let served = Mutex(prepared.decision.target)
        do {
            let provider = try factory.provider(for: prepared.decision) { notice in
                served.withLock { $0 = notice.to }
                emit(.notice(notice.description))
            }
            for try await event in provider.stream(prepared.request) {
                switch event {
                case .delta(let piece):
                    reply += piece
                    emit(.delta(piece))
                case .usage(let reported):
                    usage = reported
                    emit(.usage(reported))
                case .finished:
                    break
                }
            }
            try Task.checkCancellation()
        } catch {
            failure = error
            status =
                error is CancellationError || Task.isCancelled || (error as? ProviderError)?.code == .cancelled
                ? .partial : (reply.isEmpty ? .failed : .partial)
        }

        if let usage, !prepared.exactCount, prepared.decision.target.provider != "offline" {
            try? await recordUsage(
                model: prepared.decision.target.model, request: prepared.request, reported: usage.promptTokens)
        }

        // 5. Store the reply and the turn's record together; the model is the one that answered
        // (a fallback, if the route fell back), and the cost comes from its price.
        let target = served.withLock { $0 }
        let model = target.description
        let cost = usage.flatMap { configuration.prices.cost(usage: $0, model: target.model) }
        let replyTokens = (try? counter.count(reply, model: target.model).tokens)
        // A cancelled turn (the consumer hung up) must still be recorded: the store refuses
        // writes from a cancelled task, so the record is written from a task of its own.
        let completion = TurnCompletion(
            sessionID: session.id, userMessageID: stored.id, reply: reply, status: status, model: model,
            route: prepared.decision.route, promptTokens: usage?.promptTokens,
            completionTokens: usage?.completionTokens, estimatedPromptTokens: prepared.promptTokens,
            replyTokenCount: replyTokens, tokenizer: prepared.tokenizer,
            latencyMilliseconds: Int((ContinuousClock.now - started) / .milliseconds(1)), costUSD: cost,
            error: failure.map { Self.describe($0) }, trace: trace)
        let store = self.store
        let record = try await Task { try await store.finishTurn(completion, for: scope) }.value
        if let failure { throw failure }
        emit(.finished(record))
        startModelExtraction(message, messageID: stored.id, scope: scope, turnTarget: target)
    }

    /// The message's exact token count for the model the turn will most likely use (the requested one, else
    /// the default), stored with it so later prompts need not count it again; `nil` for estimated tokenizers.
    func likelyCount(_ message: String, model: String?) -> (Int?, String?) {
        let target = model.flatMap { try? ModelTarget(parsing: $0) } ?? defaultTarget
        guard target.provider != ProviderKind.offline,
            let encoding = counter.catalog.info(for: target.model).tokenizer.exactEncoding,
            let tokenizer = try? Tokenizer.shared(encoding)
        else { return (nil, nil) }
        return (tokenizer.count(message), encoding.rawValue)
    }

    /// A message for a failure, safe to store and show (provider errors carry no secrets).
    static func describe(_ error: any Error) -> String {
        if error is CancellationError { return "cancelled" }
        return String(describing: error)
    }
}
