import Foundation
import Hummingbird
import Mneme
import MnemeProviders
import MnemeStore
import NIOCore
import ServiceLifecycle

/// `POST /v1/chat/completions`: one turn of the engine, answered in OpenAI's format, streamed
/// (server-sent events) or whole.
///
/// The tenant comes from the API key, the end user from `user` (or `X-Mneme-User`), the
/// session from `X-Mneme-Session` (or `metadata.mneme_session`); the caller's system message and
/// history merge as ``MessageMerge`` describes. The response names the session in the
/// `X-Mneme-Session` header, so the next call can continue it.
///
/// Errors before the first text of the reply (bad request, unknown model, an upstream that
/// refuses) are HTTP errors; once text has been sent, a failure ends the stream with an OpenAI
/// error event, and the engine stores the partial reply.
struct ChatCompletions: Sendable {
    let engine: Engine
    let configuration: ServerConfiguration
    let metrics: ServerMetrics

    /// What the turn produced, gathered from its events.
    private struct Outcome: Sendable {
        var text = ""
        var decision: RouteDecision?
        var contextTokens: Int?
        var usage: Usage?
        var record: TurnRecord?
        var userMessageID: Int64?
    }

    /// A prepared turn: who, where, with what.
    private struct Turn: Sendable {
        let tenant: String
        let user: String
        let session: (id: Int64, external: String)
        let message: String
        let options: TurnOptions
        let body: ChatCompletionRequest
        let started: ContinuousClock.Instant
    }

    func handle(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let tenant = try context.tenant()
        if Task.isShuttingDownGracefully {
            throw APIError(
                .serviceUnavailable, type: "server_error", code: "shutting_down",
                "The server is shutting down; retry on another instance.")
        }
        let started = ContinuousClock.now
        let buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
        let body = try JSON.decode(ChatCompletionRequest.self, from: buffer)
        let merge = try MessageMerge(body, appendSystem: configuration.systemMessageMode == .append)
        let user = try user(body, request)
        let model = try model(body.model, tenant: tenant)
        let persona = persona(body, request)
        let session = try await session(body, request, tenant: tenant, user: user, persona: persona)
        let turn = Turn(
            tenant: tenant, user: user, session: session, message: merge.message,
            options: TurnOptions(model: model, persona: persona, caller: merge.caller), body: body, started: started)
        return body.stream ? try await streamed(turn) : try await collected(turn)
    }

    private func events(_ turn: Turn) -> AsyncThrowingStream<TurnEvent, any Error> {
        engine.respond(
            tenant: turn.tenant, user: turn.user, session: turn.session.id, message: turn.message,
            options: turn.options)
    }

    private static func absorb(_ event: TurnEvent, into outcome: inout Outcome) {
        switch event {
        case .accepted(_, let id): outcome.userMessageID = id
        case .routed(let decision): outcome.decision = decision
        case .contextAssembled(let tokens, _, _): outcome.contextTokens = tokens
        case .delta(let text): outcome.text += text
        case .usage(let usage): outcome.usage = usage
        case .finished(let record): outcome.record = record
        case .remembered, .notice: break
        }
    }

    // MARK: - Whole response

    private func collected(_ turn: Turn) async throws -> Response {
        var outcome = Outcome()
        var firstToken: Double?
        do {
            for try await event in events(turn) {
                if case .delta = event, firstToken == nil { firstToken = seconds(since: turn.started) }
                Self.absorb(event, into: &outcome)
            }
        } catch {
            record(turn, outcome, firstToken: firstToken, status: outcome.text.isEmpty ? "failed" : "partial")
            throw error
        }
        record(turn, outcome, firstToken: firstToken, status: outcome.record?.status.rawValue ?? "complete")
        let encoder = encoder(turn, outcome)
        let body = encoder.completion(
            text: outcome.text, finish: finishReason(turn, outcome), usage: outcome.usage, info: info(turn, outcome))
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[ChatCompletions.Header.session] = turn.session.external
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    // MARK: - Streamed response

    /// Runs the turn in a task of its own that feeds the response body; the response starts at the
    /// first text of the reply (or at the end of an empty one), so early failures are HTTP errors.
    private func streamed(_ turn: Turn) async throws -> Response {
        let (output, sink) = AsyncStream<ByteBuffer>.makeStream()
        let events = events(turn)
        try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Void, any Error>) in
            let task = Task { await pump(turn, events: events, ready: ready, sink: sink) }
            sink.onTermination = { _ in task.cancel() }
        }
        var headers: HTTPFields = [
            .contentType: "text/event-stream", .cacheControl: "no-cache",
        ]
        headers[ChatCompletions.Header.session] = turn.session.external
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: output))
    }

    private func pump(
        _ turn: Turn, events: AsyncThrowingStream<TurnEvent, any Error>, ready: CheckedContinuation<Void, any Error>,
        sink: AsyncStream<ByteBuffer>.Continuation
    ) async {
        var outcome = Outcome()
        var encoder: CompletionEncoder?
        var firstToken: Double?
        func start() -> CompletionEncoder {
            if let encoder { return encoder }
            let made = self.encoder(turn, outcome)
            encoder = made
            firstToken = seconds(since: turn.started)
            ready.resume()
            sink.yield(made.roleChunk())
            return made
        }
        do {
            for try await event in events {
                Self.absorb(event, into: &outcome)
                if case .delta(let text) = event { sink.yield(start().deltaChunk(text)) }
            }
            if outcome.record == nil { try Task.checkCancellation() }
            let info = info(turn, outcome)
            sink.yield(
                start().finalChunks(finish: finishReason(turn, outcome), usage: outcome.usage, info: info))
            record(turn, outcome, firstToken: firstToken, status: outcome.record?.status.rawValue ?? "complete")
        } catch {
            if let encoder {
                sink.yield(encoder.errorEvent(APIError.from(error, requestID: "stream")))
            } else {
                ready.resume(throwing: error)
            }
            // A client that hung up: the engine decides and stores the turn's final status.
            let status =
                Task.isCancelled || error is CancellationError
                ? "abandoned" : outcome.text.isEmpty ? "failed" : "partial"
            record(turn, outcome, firstToken: firstToken, status: status)
        }
        sink.finish()
    }

    // MARK: - Parts

    private func encoder(_ turn: Turn, _ outcome: Outcome) -> CompletionEncoder {
        CompletionEncoder(
            id: "chatcmpl-mneme-\(outcome.userMessageID ?? 0)", created: Int(Date().timeIntervalSince1970),
            model: outcome.decision?.target.description ?? engine.defaultModel, includeUsage: turn.body.includeUsage)
    }

    private func info(_ turn: Turn, _ outcome: Outcome) -> CompletionEncoder.TurnInfo {
        CompletionEncoder.TurnInfo(
            session: turn.session.external, turn: outcome.record?.id, route: outcome.decision?.route,
            contextTokens: outcome.contextTokens)
    }

    /// `length` when the reply used the caller's whole `max_tokens`, else `stop`.
    private func finishReason(_ turn: Turn, _ outcome: Outcome) -> String {
        if let limit = turn.body.maxTokens, let used = outcome.usage?.completionTokens, used >= limit {
            return "length"
        }
        return "stop"
    }

    private func record(_ turn: Turn, _ outcome: Outcome, firstToken: Double?, status: String) {
        metrics.turnFinished(
            status: status, seconds: seconds(since: turn.started), firstToken: firstToken,
            prompt: outcome.usage?.promptTokens, completion: outcome.usage?.completionTokens)
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        Double((ContinuousClock.now - start) / .microseconds(1)) / 1_000_000
    }
}
