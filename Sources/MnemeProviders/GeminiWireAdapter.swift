import MnemeHTTP

/// Renders ``ChatRequest`` as `generateContent` and reads answers, data-only streams and errors.
struct GeminiWireAdapter: ProviderWire {
    let configuration: GeminiClient.Configuration

    var providerName: String { configuration.endpoint.providerName }

    var secrets: [Secret] {
        switch configuration.endpoint {
        case .geminiAPI(let key, _, _), .vertexExpress(let key, _, _): [key]
        case .vertex: []
        }
    }

    /// The URL of the model's method (`generateContent` or `streamGenerateContent?alt=sse`).
    func url(model: String, streaming: Bool) throws(ProviderError) -> String {
        guard !model.isEmpty else {
            throw ProviderError(code: .configuration, message: "no model given", provider: providerName)
        }
        let method = streaming ? ":streamGenerateContent?alt=sse" : ":generateContent"
        switch configuration.endpoint {
        case .geminiAPI(_, let baseURL, let version):
            let name = model.hasPrefix("models/") || model.hasPrefix("tunedModels/") ? model : "models/\(model)"
            return "\(OpenAIClient.Configuration.trimmed(baseURL))/\(version)/\(name)\(method)"
        case .vertex(let project, let location, _, let baseURL, let version, _):
            let host =
                baseURL.map(OpenAIClient.Configuration.trimmed)
                ?? (location == "global"
                    ? "https://aiplatform.googleapis.com" : "https://\(location)-aiplatform.googleapis.com")
            let name =
                model.hasPrefix("projects/")
                ? model : "projects/\(project)/locations/\(location)/publishers/google/models/\(model)"
            return "\(host)/\(version)/\(name)\(method)"
        case .vertexExpress(_, let baseURL, let version):
            let name = model.hasPrefix("publishers/") ? model : "publishers/google/models/\(model)"
            return "\(OpenAIClient.Configuration.trimmed(baseURL))/\(version)/\(name)\(method)"
        }
    }

    func makeHTTPRequest(_ request: ChatRequest, streaming: Bool) async throws -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        switch configuration.endpoint {
        case .geminiAPI(let key, _, _), .vertexExpress(let key, _, _):
            guard !key.isEmpty else {
                throw ProviderError(
                    code: .configuration, message: "no Gemini API key (set GEMINI_API_KEY or GOOGLE_API_KEY)",
                    provider: providerName)
            }
            headers.add(name: "x-goog-api-key", value: key.revealed)
        case .vertex(_, _, let credentials, _, _, let userProject):
            let token: Secret
            do {
                token = try await credentials.token()
            } catch let error as ProviderError {
                throw error
            } catch {
                throw ProviderError(
                    code: .authentication, message: "could not get a Vertex AI access token", provider: providerName)
            }
            headers.add(name: "Authorization", value: "Bearer \(token.revealed)")
            if let userProject { headers.add(name: "x-goog-user-project", value: userProject) }
        }
        let body = try JSONCoding.encode(render(request))
        return HTTPRequest(
            method: .post, url: try url(model: request.model, streaming: streaming), headers: headers, body: body,
            timeout: configuration.timeout, idleTimeout: configuration.idleTimeout)
    }

    /// `systemInstruction` plus alternating `contents` (roles `user`/`model`).
    func render(_ request: ChatRequest) throws(ProviderError) -> GeminiWire.Request {
        let turns = TurnNormalizer.alternating(request.messages)
        guard !turns.isEmpty else {
            throw ProviderError(
                code: .badRequest, message: "the conversation has no non-empty message", provider: providerName)
        }
        let contents = turns.map {
            GeminiWire.Content(role: $0.role == .user ? "user" : "model", parts: [.init(text: $0.text)])
        }
        var body = GeminiWire.Request(contents: contents)
        if !request.system.isEmpty {
            body.systemInstruction = .init(parts: [.init(text: request.system)])
        }
        if request.temperature != nil || request.maxOutputTokens != nil || !request.stop.isEmpty {
            body.generationConfig = .init(
                temperature: request.temperature, maxOutputTokens: request.maxOutputTokens,
                stopSequences: request.stop.isEmpty ? nil : request.stop)
        }
        return body
    }

    func decodeResponse(_ body: [UInt8], request: ChatRequest) throws -> ChatResponse {
        let response = try JSONCoding.decode(
            GeminiWire.Response.self, from: body, provider: providerName, what: "answer")
        try check(response, status: 200)
        return ChatResponse(
            text: GeminiWire.text(of: response),
            finishReason: GeminiWire.finishReason(response.candidates?.first?.finishReason),
            usage: response.usageMetadata?.usage, model: response.modelVersion ?? request.model)
    }

    /// Throws for an embedded error or a blocked prompt (no candidates, `promptFeedback.blockReason`).
    func check(_ response: GeminiWire.Response, status: Int) throws(ProviderError) {
        if let error = response.error {
            throw mapError(error, status: error.code ?? status, headers: HTTPHeaders(), inStream: status == 200)
        }
        if response.candidates?.isEmpty ?? true, let reason = response.promptFeedback?.blockReason {
            throw ProviderError(
                code: .contentFiltered, message: "the prompt was blocked (\(reason))", provider: providerName,
                status: status)
        }
    }

    func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8]) -> ProviderError {
        var error: GeminiWire.ErrorBody?
        if let envelope = try? JSONCoding.decode(
            GeminiWire.ErrorEnvelope.self, from: body, provider: providerName, what: "error")
        {
            error = envelope.error
        } else if let list = try? JSONCoding.decode(
            [GeminiWire.ErrorEnvelope].self, from: body, provider: providerName, what: "error")
        {
            error = list.first?.error  // Vertex sometimes wraps the error in a one-element array.
        }
        var mapped = error ?? GeminiWire.ErrorBody()
        if mapped.message == nil, !body.isEmpty { mapped.message = JSONCoding.preview(body) }
        return mapError(mapped, status: status, headers: headers, inStream: false)
    }

    func mapError(_ error: GeminiWire.ErrorBody, status: Int, headers: HTTPHeaders, inStream: Bool) -> ProviderError {
        let statusName = error.status ?? ""
        let text = error.message ?? "no details"
        var code = ProviderError.code(forStatus: status)
        switch statusName {
        case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE": code = .badRequest
        case "UNAUTHENTICATED": code = .authentication
        case "PERMISSION_DENIED": code = .permissionDenied
        case "NOT_FOUND": code = .notFound
        case "RESOURCE_EXHAUSTED": code = .rateLimited
        case "UNAVAILABLE": code = .overloaded
        case "DEADLINE_EXCEEDED": code = .timeout
        case "INTERNAL", "UNKNOWN": code = .server
        default: break
        }
        var retryDelay: Duration?
        var reasons: [String] = []
        for detail in error.details ?? [] {
            if let delay = detail["retryDelay"]?.text { retryDelay = GeminiWire.duration(delay) }
            if let reason = detail["reason"]?.text { reasons.append(reason) }
        }
        let lowered = text.lowercased()
        if reasons.contains("API_KEY_INVALID") || lowered.contains("api key not valid")
            || lowered.contains("api key expired")
        {
            code = .authentication
        } else if code == .badRequest,
            lowered.contains("exceeds the maximum number of tokens") || lowered.contains("input token count")
        {
            code = .contextTooLong
        }
        let retryable = [408, 429, 500, 502, 503, 504].contains(status)
        var message = text
        if !statusName.isEmpty { message += " (\(statusName))" }
        message += ProviderError.advice(for: code, provider: providerName)
        return ProviderError(
            code: code, message: secrets.redact(in: message), provider: providerName, status: status,
            retryAfter: retryDelay ?? RetryHeaders.retryAfter(headers), requestID: headers["x-request-id"],
            isRetryable: retryable)
    }

    func makeStreamDecoder(request: ChatRequest) -> GeminiStreamDecoder {
        GeminiStreamDecoder(adapter: self)
    }
}

/// Reads data-only `GenerateContentResponse` events until the connection closes.
struct GeminiStreamDecoder: ChatStreamDecoder {
    let adapter: GeminiWireAdapter
    private var finishReason: String?
    private var usage: Usage?
    private var done = false

    init(adapter: GeminiWireAdapter) {
        self.adapter = adapter
    }

    mutating func decode(_ event: SSEEvent) throws(ProviderError) -> [ChatEvent] {
        let data = event.data.trimmingWhitespace()
        if data.isEmpty || done { return [] }
        if data == "[DONE]" {  // not sent by Google; tolerated for proxies
            done = true
            return []
        }
        let response = try JSONCoding.decode(
            GeminiWire.Response.self, from: data, provider: adapter.providerName, what: "stream chunk")
        try adapter.check(response, status: 200)
        if let usage = response.usageMetadata { self.usage = usage.usage }
        if let reason = response.candidates?.first?.finishReason { finishReason = reason }
        let text = GeminiWire.text(of: response)
        return text.isEmpty ? [] : [.delta(text)]
    }

    mutating func finish() throws(ProviderError) -> [ChatEvent] {
        guard let finishReason else {
            throw ProviderError(
                code: .network, message: "the stream ended without a finish reason (connection cut?)",
                provider: adapter.providerName, isRetryable: true)
        }
        var events: [ChatEvent] = []
        if let usage { events.append(.usage(usage)) }
        events.append(.finished(GeminiWire.finishReason(finishReason)))
        return events
    }
}
