import MnemeHTTP

/// Sends chat requests of one provider with retries, and streams answers.
struct WireClient<Wire: ProviderWire>: Sendable {
    let wire: Wire
    let http: HTTPClient
    let retry: RetryPolicy

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
        var attempt = 1
        while true {
            do {
                let httpRequest = try await wire.makeHTTPRequest(request, streaming: false)
                let response = try await http.execute(httpRequest)
                guard response.head.isSuccess else {
                    throw wire.decodeError(status: response.status, headers: response.headers, body: response.body)
                }
                return try wire.decodeResponse(response.body, request: request)
            } catch {
                let mapped = ProviderError.wrap(error, provider: wire.providerName, secrets: wire.secrets)
                guard let delay = retry.delay(after: mapped, failedAttempt: attempt) else { throw mapped }
                try await wait(delay, before: attempt + 1, error: mapped, model: request.model)
                attempt += 1
            }
        }
    }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ChatEvent, any Error>.makeStream()
        let task = Task {
            await run(request, continuation: continuation)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func wait(_ delay: Duration, before attempt: Int, error: ProviderError, model: String) async throws {
        retry.onRetry?(
            RetryNotice(
                provider: wire.providerName, model: model, nextAttempt: attempt, maxAttempts: retry.maxAttempts,
                delay: delay, error: error))
        do {
            try await retry.sleep(delay)
        } catch {
            throw ProviderError(
                code: .cancelled, message: "cancelled while waiting to retry", provider: wire.providerName)
        }
    }

    private func run(_ request: ChatRequest, continuation: AsyncThrowingStream<ChatEvent, any Error>.Continuation) async
    {
        var attempt = 1
        var delivered = 0
        while true {
            do {
                try await streamOnce(request) { event in
                    if case .delta(let text) = event { delivered += text.count }
                    continuation.yield(event)
                }
                continuation.finish()
                return
            } catch {
                var mapped = ProviderError.wrap(error, provider: wire.providerName, secrets: wire.secrets)
                if delivered > 0 {
                    mapped = mapped.with(
                        message: mapped.message
                            + " (after \(delivered) characters of the answer were delivered; not retried)",
                        isRetryable: false)
                    continuation.finish(throwing: mapped)
                    return
                }
                guard let delay = retry.delay(after: mapped, failedAttempt: attempt) else {
                    continuation.finish(throwing: mapped)
                    return
                }
                do {
                    try await wait(delay, before: attempt + 1, error: mapped, model: request.model)
                } catch {
                    continuation.finish(throwing: error)
                    return
                }
                attempt += 1
            }
        }
    }

    /// One attempt: opens the stream and decodes it, passing events to `deliver`.
    private func streamOnce(_ request: ChatRequest, deliver: (ChatEvent) -> Void) async throws {
        let httpRequest = try await wire.makeHTTPRequest(request, streaming: true)
        let response = try await http.stream(httpRequest)
        guard response.head.isSuccess else {
            let full = try await response.collect()
            throw wire.decodeError(status: full.status, headers: full.headers, body: full.body)
        }
        let contentType = response.headers["content-type"]?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") {
            // Some compatible servers ignore `stream: true` and answer in one piece.
            let full = try await response.collect()
            let answer = try wire.decodeResponse(full.body, request: request)
            if !answer.text.isEmpty { deliver(.delta(answer.text)) }
            if let usage = answer.usage { deliver(.usage(usage)) }
            deliver(.finished(answer.finishReason))
            return
        }
        var decoder = wire.makeStreamDecoder(request: request)
        for try await event in response.body.serverSentEvents(incompleteEvent: .fail) {
            for output in try decoder.decode(event) {
                deliver(output)
            }
        }
        for output in try decoder.finish() {
            deliver(output)
        }
    }
}
