/// Tries a chain of targets in order: the next one is taken when a target fails with a retryable
/// error (after its own retries), is rate limited or out of quota, or its model is gone (404, e.g. a
/// retired fine-tuned model). A stream moves on only if no text was delivered yet.
///
/// ```swift
/// let chain = FallbackProvider(links: [
///     .init(target: tuned, provider: openai),     // ft:gpt-4o-mini-…:acme::abc
///     .init(target: base, provider: openai),      // gpt-4o-mini
///     .init(target: claude, provider: anthropic),
/// ], onFallback: { notice in trace.append(notice.description) })
/// ```
///
/// Each link's provider receives the request with ``ChatRequest/model`` set to its target's model.
public struct FallbackProvider: ChatProvider {
    /// One step of the chain.
    public struct Link: Sendable {
        /// The target (its model replaces the request's).
        public var target: ModelTarget
        /// The client for the target's provider.
        public var provider: any ChatProvider

        /// Creates a link.
        public init(target: ModelTarget, provider: any ChatProvider) {
            self.target = target
            self.provider = provider
        }
    }

    /// The chain, first choice first.
    public let links: [Link]
    /// Called when the chain moves on.
    public let onFallback: (@Sendable (FallbackNotice) -> Void)?

    /// Creates a chain (at least one link).
    public init(links: [Link], onFallback: (@Sendable (FallbackNotice) -> Void)? = nil) {
        precondition(!links.isEmpty, "a fallback chain needs at least one link")
        self.links = links
        self.onFallback = onFallback
    }

    /// Whether `error` lets the chain move to the next target.
    public static func allowsFallback(after error: ProviderError) -> Bool {
        switch error.code {
        case .notFound, .rateLimited, .quotaExceeded, .overloaded, .server, .network, .timeout: true
        default: error.isRetryable
        }
    }

    /// The first successful answer along the chain.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        var lastError: (any Error)?
        for (index, link) in links.enumerated() {
            var attempt = request
            attempt.model = link.target.model
            do {
                return try await link.provider.complete(attempt)
            } catch let error as ProviderError {
                lastError = error
                guard Self.allowsFallback(after: error), index + 1 < links.count else { throw error }
                onFallback?(FallbackNotice(from: link.target, to: links[index + 1].target, error: error))
            }
        }
        throw lastError!
    }

    /// Streams from the first target that starts answering.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ChatEvent, any Error>.makeStream()
        let links = links
        let onFallback = onFallback
        let task = Task {
            for (index, link) in links.enumerated() {
                var attempt = request
                attempt.model = link.target.model
                var delivered = false
                do {
                    for try await event in link.provider.stream(attempt) {
                        if case .delta = event { delivered = true }
                        continuation.yield(event)
                    }
                    continuation.finish()
                    return
                } catch let error as ProviderError {
                    guard !delivered, Self.allowsFallback(after: error), index + 1 < links.count, !Task.isCancelled
                    else {
                        continuation.finish(throwing: error)
                        return
                    }
                    onFallback?(FallbackNotice(from: link.target, to: links[index + 1].target, error: error))
                } catch {
                    continuation.finish(throwing: error)
                    return
                }
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

/// The chain moved from one target to the next.
public struct FallbackNotice: Sendable, CustomStringConvertible {
    /// The target that failed.
    public var from: ModelTarget
    /// The target tried next.
    public var to: ModelTarget
    /// Why.
    public var error: ProviderError

    /// Creates a notice.
    public init(from: ModelTarget, to: ModelTarget, error: ProviderError) {
        self.from = from
        self.to = to
        self.error = error
    }

    /// "openai:ft:… failed (model not found) — falling back to openai:gpt-4o-mini".
    public var description: String {
        "\(from) failed (\(error.shortReason)) — falling back to \(to)"
    }
}
