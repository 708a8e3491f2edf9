import MnemeHTTP

/// What differs between providers: how a request is rendered and sent, and how answers, stream events
/// and errors are read. ``WireClient`` does the rest (sending, retries, streaming).
protocol ProviderWire: Sendable {
    associatedtype StreamDecoder: ChatStreamDecoder

    /// `"openai"`, `"anthropic"`, `"gemini"`, `"vertex"`…
    var providerName: String { get }
    /// Credentials whose values must be scrubbed from any message.
    var secrets: [Secret] { get }
    /// The HTTP request for `request`. Async because a token may have to be fetched.
    func makeHTTPRequest(_ request: ChatRequest, streaming: Bool) async throws -> HTTPRequest
    /// Reads a successful non-streaming answer.
    func decodeResponse(_ body: [UInt8], request: ChatRequest) throws -> ChatResponse
    /// Maps a non-2xx response to an error.
    func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8]) -> ProviderError
    /// A fresh decoder for one streamed answer.
    func makeStreamDecoder(request: ChatRequest) -> StreamDecoder
}

/// Turns the server-sent events of one answer into ``ChatEvent`` values.
protocol ChatStreamDecoder: Sendable {
    /// Decodes one event; returns the events to deliver now (normally deltas).
    mutating func decode(_ event: SSEEvent) throws(ProviderError) -> [ChatEvent]
    /// Called at the end of the byte stream; returns the final events (usage, finish) or throws if the
    /// stream ended too early.
    mutating func finish() throws(ProviderError) -> [ChatEvent]
}

extension ProviderError {
    /// Maps a transport failure.
    init(transport error: HTTPError, provider: String) {
        let code: Code
        var retryable = true
        switch error.code {
        case .timeout: code = .timeout
        case .cancelled:
            code = .cancelled
            retryable = false
        case .invalidURL, .invalidRequest:
            code = .configuration
            retryable = false
        case .malformedResponse: code = .invalidResponse
        case .tls:
            code = .network
            retryable = false
        default: code = .network
        }
        self.init(code: code, message: error.description, provider: provider, isRetryable: retryable)
    }

    /// Maps any error thrown while talking to a provider.
    static func wrap(_ error: any Error, provider: String, secrets: [Secret]) -> ProviderError {
        switch error {
        case let error as ProviderError:
            return error.with(message: secrets.redact(in: error.message), isRetryable: error.isRetryable)
        case let error as HTTPError:
            return ProviderError(transport: error, provider: provider)
        case is CancellationError:
            return ProviderError(code: .cancelled, message: "the request was cancelled", provider: provider)
        default:
            return ProviderError(
                code: .invalidResponse, message: secrets.redact(in: String(describing: error)), provider: provider)
        }
    }

    /// The default mapping of an HTTP status, used by all wires after reading the provider's error body.
    static func code(forStatus status: Int) -> Code {
        switch status {
        case 400, 413, 422: .badRequest
        case 401: .authentication
        case 402: .quotaExceeded
        case 403: .permissionDenied
        case 404: .notFound
        case 408, 504: .timeout
        case 409: .server
        case 429: .rateLimited
        case 503, 529: .overloaded
        default: status >= 500 ? .server : .badRequest
        }
    }

    /// What a user can do about a code, appended to server messages.
    static func advice(for code: Code, provider: String) -> String {
        switch code {
        case .authentication: " — check the API key for \(provider) (environment variable or config file)"
        case .permissionDenied: " — the key may not use this model or project"
        case .notFound: " — the model or endpoint does not exist (retired or misspelled model id?)"
        case .quotaExceeded: " — the account is out of quota or credit"
        case .contextTooLong: " — shorten the prompt or lower the context budget"
        default: ""
        }
    }
}
