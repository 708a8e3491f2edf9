import MnemeHTTP

/// Renders ``ChatRequest`` for the Messages API and reads answers, event-typed streams and errors.
struct AnthropicWireAdapter: ProviderWire {
    let configuration: AnthropicClient.Configuration

    var providerName: String { "anthropic" }
    var secrets: [Secret] { [configuration.apiKey] }

    func makeHTTPRequest(_ request: ChatRequest, streaming: Bool) async throws -> HTTPRequest {
        guard !configuration.apiKey.isEmpty else {
            throw ProviderError(
                code: .configuration, message: "no Anthropic API key (set ANTHROPIC_API_KEY)", provider: providerName)
        }
        var base = OpenAIClient.Configuration.trimmed(configuration.baseURL)
        if base.hasSuffix("/v1") { base.removeLast(3) }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: streaming ? "text/event-stream" : "application/json")
        headers.add(name: "anthropic-version", value: configuration.version)
        if !configuration.betas.isEmpty {
            headers.add(name: "anthropic-beta", value: configuration.betas.joined(separator: ","))
        }
        switch configuration.auth {
        case .apiKey: headers.add(name: "x-api-key", value: configuration.apiKey.revealed)
        case .bearer: headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey.revealed)")
        }
        let body = try JSONCoding.encode(try render(request, streaming: streaming))
        return HTTPRequest(
            method: .post, url: base + "/v1/messages", headers: headers, body: body, timeout: configuration.timeout,
            idleTimeout: configuration.idleTimeout)
    }

    /// Top-level `system`, strictly alternating turns starting with the user.
    func render(_ request: ChatRequest, streaming: Bool) throws(ProviderError) -> AnthropicWire.Request {
        guard !request.model.isEmpty else {
            throw ProviderError(code: .configuration, message: "no model given", provider: providerName)
        }
        let turns = TurnNormalizer.alternating(request.messages)
        guard !turns.isEmpty else {
            throw ProviderError(
                code: .badRequest, message: "the conversation has no non-empty message", provider: providerName)
        }
        var body = AnthropicWire.Request(
            model: request.model, maxTokens: request.maxOutputTokens ?? configuration.defaultMaxTokens,
            system: request.system.isEmpty ? nil : request.system,
            messages: turns.map { .init(role: $0.role.rawValue, content: $0.text) })
        body.stopSequences = request.stop.isEmpty ? nil : request.stop
        if configuration.acceptsTemperature { body.temperature = request.temperature }
        body.metadata = request.user.map { .init(userID: $0) }
        if streaming { body.stream = true }
        return body
    }

    func decodeResponse(_ body: [UInt8], request: ChatRequest) throws -> ChatResponse {
        let response = try JSONCoding.decode(
            AnthropicWire.Response.self, from: body, provider: providerName, what: "answer")
        guard let blocks = response.content else {
            if let envelope = try? JSONCoding.decode(
                AnthropicWire.ErrorEnvelope.self, from: body, provider: providerName, what: "error"),
                let error = envelope.error
            {
                throw mapError(error, status: 200, headers: HTTPHeaders(), requestID: envelope.requestID)
            }
            throw ProviderError(
                code: .invalidResponse,
                message: "the answer has no content; body starts with: \(JSONCoding.preview(body))",
                provider: providerName)
        }
        let text = blocks.filter { $0.type == nil || $0.type == "text" }.compactMap(\.text).joined()
        let usage = response.usage.map {
            Usage(
                promptTokens: $0.promptTokens, completionTokens: $0.outputTokens ?? 0,
                cachedTokens: $0.cacheReadInputTokens)
        }
        return ChatResponse(
            text: text, finishReason: AnthropicWire.finishReason(response.stopReason), usage: usage,
            model: response.model ?? request.model)
    }

    func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8]) -> ProviderError {
        let envelope = try? JSONCoding.decode(
            AnthropicWire.ErrorEnvelope.self, from: body, provider: providerName, what: "error")
        var error = envelope?.error ?? AnthropicWire.ErrorBody()
        if error.message == nil, !body.isEmpty { error.message = JSONCoding.preview(body) }
        return mapError(
            error, status: status, headers: headers, requestID: headers["request-id"] ?? envelope?.requestID)
    }

    func mapError(_ error: AnthropicWire.ErrorBody, status: Int, headers: HTTPHeaders, requestID: String?)
        -> ProviderError
    {
        let type = error.type ?? ""
        let text = error.message ?? "no details"
        var code = ProviderError.code(forStatus: status)
        switch type {
        case "invalid_request_error", "request_too_large": code = .badRequest
        case "authentication_error": code = .authentication
        case "billing_error": code = .quotaExceeded
        case "permission_error": code = .permissionDenied
        case "not_found_error": code = .notFound
        case "rate_limit_error": code = .rateLimited
        case "api_error": code = .server
        case "timeout_error": code = .timeout
        case "overloaded_error": code = .overloaded
        default: break
        }
        let lowered = text.lowercased()
        if code == .badRequest,
            lowered.contains("prompt is too long") || lowered.contains("context window")
                || lowered.contains("too many tokens")
        {
            code = .contextTooLong
        }
        var retryable: Bool
        if status == 200 {
            retryable = ["overloaded_error", "api_error", "rate_limit_error", "timeout_error"].contains(type)
        } else {
            retryable = RetryHeaders.isRetryableStatus(status)
        }
        if let override = RetryHeaders.shouldRetry(headers) { retryable = override }
        var message = text
        if !type.isEmpty { message += " (\(type))" }
        message += ProviderError.advice(for: code, provider: providerName)
        return ProviderError(
            code: code, message: secrets.redact(in: message), provider: providerName, status: status,
            retryAfter: RetryHeaders.retryAfter(headers), requestID: requestID, isRetryable: retryable)
    }

    func makeStreamDecoder(request: ChatRequest) -> AnthropicStreamDecoder {
        AnthropicStreamDecoder(adapter: self)
    }
}

/// Reads `message_start`, `content_block_*`, `message_delta`, `message_stop`, `ping` and `error` events.
struct AnthropicStreamDecoder: ChatStreamDecoder {
    let adapter: AnthropicWireAdapter
    private var promptTokens: Int?
    private var cachedTokens: Int?
    private var outputTokens: Int?
    private var stopReason: String?
    private var done = false

    init(adapter: AnthropicWireAdapter) {
        self.adapter = adapter
    }

    mutating func decode(_ event: SSEEvent) throws(ProviderError) -> [ChatEvent] {
        if done { return [] }
        let data = try JSONCoding.decode(
            AnthropicWire.StreamEvent.self, from: event.data, provider: adapter.providerName, what: "stream event")
        let name = event.event == "message" ? (data.type ?? "") : event.event
        switch name {
        case "message_start":
            if let usage = data.message?.usage {
                promptTokens = usage.promptTokens
                cachedTokens = usage.cacheReadInputTokens
                outputTokens = usage.outputTokens
            }
        case "content_block_delta":
            if data.delta?.type == "text_delta" || data.delta?.type == nil, let text = data.delta?.text, !text.isEmpty {
                return [.delta(text)]
            }
        case "message_delta":
            if let reason = data.delta?.stopReason { stopReason = reason }
            if let usage = data.usage {
                // Counts in message_delta are cumulative: replace, do not add.
                if let output = usage.outputTokens { outputTokens = output }
                if usage.inputTokens != nil { promptTokens = usage.promptTokens }
                if let cached = usage.cacheReadInputTokens { cachedTokens = cached }
            }
        case "message_stop":
            done = true
        case "error":
            throw adapter.mapError(data.error ?? .init(), status: 200, headers: HTTPHeaders(), requestID: nil)
        default:
            break  // ping, content_block_start/stop, unknown future events
        }
        return []
    }

    mutating func finish() throws(ProviderError) -> [ChatEvent] {
        guard done else {
            throw ProviderError(
                code: .network, message: "the stream ended before message_stop (connection cut?)",
                provider: adapter.providerName, isRetryable: true)
        }
        var events: [ChatEvent] = []
        if promptTokens != nil || outputTokens != nil {
            events.append(
                .usage(
                    Usage(
                        promptTokens: promptTokens ?? 0, completionTokens: outputTokens ?? 0, cachedTokens: cachedTokens
                    )))
        }
        events.append(.finished(AnthropicWire.finishReason(stopReason)))
        return events
    }
}
