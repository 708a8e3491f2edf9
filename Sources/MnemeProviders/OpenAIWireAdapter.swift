import MnemeHTTP

/// Renders ``ChatRequest`` as Chat Completions and reads answers, streams and errors.
struct OpenAIWireAdapter: ProviderWire {
    let configuration: OpenAIClient.Configuration

    var providerName: String { configuration.providerName }
    var secrets: [Secret] { configuration.apiKey.map { [$0] } ?? [] }

    func makeHTTPRequest(_ request: ChatRequest, streaming: Bool) async throws -> HTTPRequest {
        var url = OpenAIClient.Configuration.trimmed(configuration.baseURL) + "/chat/completions"
        if !configuration.queryItems.isEmpty {
            url +=
                "?"
                + configuration.queryItems.map { "\(QueryEncoding.encode($0.name))=\(QueryEncoding.encode($0.value))" }
                .joined(separator: "&")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Accept", value: streaming ? "text/event-stream" : "application/json")
        if let key = configuration.apiKey, !key.isEmpty {
            switch configuration.auth {
            case .bearer: headers.add(name: "Authorization", value: "Bearer \(key.revealed)")
            case .header(let name): headers.add(name: name, value: key.revealed)
            case .none: break
            }
        }
        for header in configuration.extraHeaders {
            headers.add(name: header.name, value: header.value)
        }
        let body = try JSONCoding.encode(try render(request, streaming: streaming))
        return HTTPRequest(
            method: .post, url: url, headers: headers, body: body, timeout: configuration.timeout,
            idleTimeout: configuration.idleTimeout)
    }

    /// The request body: system message first, then the turns in order.
    func render(_ request: ChatRequest, streaming: Bool) throws(ProviderError) -> OpenAIWire.Request {
        guard !request.model.isEmpty else {
            throw ProviderError(code: .configuration, message: "no model given", provider: providerName)
        }
        guard request.stop.count <= 4 else {
            throw ProviderError(
                code: .badRequest,
                message: "Chat Completions accepts at most 4 stop sequences, got \(request.stop.count)",
                provider: providerName)
        }
        var messages: [OpenAIWire.Message] = []
        if !request.system.isEmpty {
            messages.append(.init(role: configuration.quirks.systemRole, content: request.system))
        }
        for turn in request.messages {
            messages.append(.init(role: turn.role.rawValue, content: turn.text))
        }
        var body = OpenAIWire.Request(model: request.model, messages: messages)
        switch configuration.quirks.maxTokensField {
        case .maxCompletionTokens: body.maxCompletionTokens = request.maxOutputTokens
        case .maxTokens: body.maxTokens = request.maxOutputTokens
        }
        body.temperature = request.temperature
        body.stop = request.stop.isEmpty ? nil : request.stop
        body.user = request.user
        if streaming {
            body.stream = true
            if configuration.quirks.includeUsageInStream {
                body.streamOptions = .init(includeUsage: true)
            }
        }
        return body
    }

    func decodeResponse(_ body: [UInt8], request: ChatRequest) throws -> ChatResponse {
        let response = try JSONCoding.decode(
            OpenAIWire.Response.self, from: body, provider: providerName, what: "answer")
        guard let choice = response.choices?.first else {
            if let envelope = try? JSONCoding.decode(
                OpenAIWire.ErrorEnvelope.self, from: body, provider: providerName, what: "error"),
                let error = envelope.error
            {
                throw mapError(error, status: 200, headers: HTTPHeaders())
            }
            throw ProviderError(
                code: .invalidResponse,
                message: "the answer has no choices; body starts with: \(JSONCoding.preview(body))",
                provider: providerName)
        }
        var finish = OpenAIWire.finishReason(choice.finishReason)
        var text = choice.message?.content ?? ""
        if let refusal = choice.message?.refusal, !refusal.isEmpty {
            text = text.isEmpty ? refusal : text
            finish = .contentFilter
        }
        return ChatResponse(
            text: text, finishReason: finish, usage: response.usage?.usage, model: response.model ?? request.model)
    }

    func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8]) -> ProviderError {
        let envelope = try? JSONCoding.decode(
            OpenAIWire.ErrorEnvelope.self, from: body, provider: providerName, what: "error")
        var error = envelope?.error ?? OpenAIWire.ErrorBody()
        if error.message == nil {
            // Local servers: `message` at the top level, or plain text.
            error.message = envelope?.message ?? (body.isEmpty ? nil : JSONCoding.preview(body))
        }
        return mapError(error, status: status, headers: headers)
    }

    func mapError(_ error: OpenAIWire.ErrorBody, status: Int, headers: HTTPHeaders) -> ProviderError {
        let serverCode = error.code?.text ?? ""
        let type = error.type ?? ""
        let text = error.message ?? "no details"
        var code =
            status == 200
            ? ProviderError.code(forStatus: type == "server_error" ? 500 : 400)
            : ProviderError.code(forStatus: status)
        var retryable = RetryHeaders.isRetryableStatus(status) || (status == 200 && type == "server_error")
        let lowered = text.lowercased()
        if serverCode == "context_length_exceeded" || lowered.contains("maximum context length")
            || lowered.contains("context window") || lowered.contains("too many tokens")
        {
            code = .contextTooLong
        } else if serverCode == "insufficient_quota" || type == "insufficient_quota" {
            code = .quotaExceeded
            retryable = false
        } else if serverCode == "content_filter" || serverCode == "content_policy_violation" {
            code = .contentFiltered
        } else if serverCode == "model_not_found" {
            code = .notFound
        }
        if let override = RetryHeaders.shouldRetry(headers) { retryable = override }
        if status == 529 { code = .overloaded }
        var message = text
        if !serverCode.isEmpty { message += " (\(serverCode))" }
        message += ProviderError.advice(for: code, provider: providerName)
        return ProviderError(
            code: code, message: secrets.redact(in: message), provider: providerName, status: status,
            retryAfter: RetryHeaders.retryAfter(headers), requestID: headers["x-request-id"], isRetryable: retryable)
    }

    func makeStreamDecoder(request: ChatRequest) -> OpenAIStreamDecoder {
        OpenAIStreamDecoder(adapter: self)
    }
}

/// Reads `data: {chunk}` events up to `data: [DONE]`.
struct OpenAIStreamDecoder: ChatStreamDecoder {
    let adapter: OpenAIWireAdapter
    private var finishReason: FinishReason?
    private var usage: Usage?
    private var done = false

    init(adapter: OpenAIWireAdapter) {
        self.adapter = adapter
    }

    mutating func decode(_ event: SSEEvent) throws(ProviderError) -> [ChatEvent] {
        if done { return [] }
        let data = event.data.trimmingWhitespace()
        if data.isEmpty { return [] }
        if data == "[DONE]" {
            done = true
            return []
        }
        let chunk = try JSONCoding.decode(
            OpenAIWire.Chunk.self, from: data, provider: adapter.providerName, what: "stream chunk")
        if let error = chunk.error {
            throw adapter.mapError(error, status: 200, headers: HTTPHeaders())
        }
        if let usage = chunk.usage { self.usage = usage.usage }
        var events: [ChatEvent] = []
        if let choice = chunk.choices?.first {
            if let text = choice.delta?.content, !text.isEmpty { events.append(.delta(text)) }
            if let refusal = choice.delta?.refusal, !refusal.isEmpty {
                events.append(.delta(refusal))
                finishReason = .contentFilter
            }
            if let reason = choice.finishReason, finishReason != .contentFilter {
                finishReason = OpenAIWire.finishReason(reason)
            }
        }
        return events
    }

    mutating func finish() throws(ProviderError) -> [ChatEvent] {
        guard done || finishReason != nil else {
            throw ProviderError(
                code: .network, message: "the stream ended before [DONE] and without a finish reason (connection cut?)",
                provider: adapter.providerName, isRetryable: true)
        }
        var events: [ChatEvent] = []
        if let usage { events.append(.usage(usage)) }
        events.append(.finished(finishReason ?? .stop))
        return events
    }
}

/// Percent-encoding for query components.
enum QueryEncoding {
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
