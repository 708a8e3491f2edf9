public import MnemeHTTP

/// A client for the Anthropic Messages API.
///
/// ```swift
/// let claude = AnthropicClient(configuration: .init(apiKey: Secret(key)), http: http)
/// for try await event in claude.stream(ChatRequest(model: "claude-sonnet-4-5", system: "Be terse.", messages: turns)) { … }
/// ```
///
/// The API version is pinned (`2023-06-01` by default) and configurable; both auth styles are
/// supported (`x-api-key`, and `Authorization: Bearer` as the 2.x SDKs and `ANTHROPIC_AUTH_TOKEN` use).
/// Errors sent inside a stream after HTTP 200 (`event: error`, e.g. `overloaded_error`) are mapped
/// like HTTP errors and retried if no text was delivered yet.
public struct AnthropicClient: ChatProvider {
    /// The settings.
    public let configuration: Configuration
    private let client: WireClient<AnthropicWireAdapter>

    /// Creates a client sending through `http`.
    public init(configuration: Configuration, http: HTTPClient, retry: RetryPolicy = RetryPolicy()) {
        self.configuration = configuration
        self.client = WireClient(wire: AnthropicWireAdapter(configuration: configuration), http: http, retry: retry)
    }

    /// Sends the request without streaming.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        try await client.complete(request)
    }

    /// Streams the answer (`stream: true`, event-typed SSE).
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        client.stream(request)
    }

    /// The HTTP request this client sends for `request` (contains the key in a header).
    public func httpRequest(for request: ChatRequest, streaming: Bool) async throws -> HTTPRequest {
        try await client.wire.makeHTTPRequest(request, streaming: streaming)
    }
}

extension AnthropicClient {
    /// Where and how to send requests.
    public struct Configuration: Sendable {
        /// The base URL without `/v1` (as `ANTHROPIC_BASE_URL`); default `https://api.anthropic.com`.
        public var baseURL: String
        /// The key or token.
        public var apiKey: Secret
        /// How it is sent.
        public var auth: AuthStyle
        /// The `anthropic-version` header. Default `2023-06-01`. From `2026-10-21` on, `temperature` is
        /// rejected by the API, so the client leaves it out.
        public var version: String
        /// `anthropic-beta` values, if any.
        public var betas: [String]
        /// `max_tokens` when the request gives no ``ChatRequest/maxOutputTokens`` (the API requires it).
        public var defaultMaxTokens: Int
        /// Limit for the whole exchange; `nil` for the HTTP client's default.
        public var timeout: Duration?
        /// Longest silence; `nil` for the HTTP client's default.
        public var idleTimeout: Duration?

        /// Creates a configuration.
        public init(
            apiKey: Secret, baseURL: String = "https://api.anthropic.com", auth: AuthStyle = .apiKey,
            version: String = "2023-06-01", betas: [String] = [], defaultMaxTokens: Int = 4096,
            timeout: Duration? = nil, idleTimeout: Duration? = nil
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.auth = auth
            self.version = version
            self.betas = betas
            self.defaultMaxTokens = defaultMaxTokens
            self.timeout = timeout
            self.idleTimeout = idleTimeout
        }

        /// Whether this version still accepts `temperature`.
        var acceptsTemperature: Bool { version < "2026-10-21" }
    }

    /// How the key is sent.
    public enum AuthStyle: Sendable, Hashable {
        /// `x-api-key: KEY` (the documented style, 1.x SDKs).
        case apiKey
        /// `Authorization: Bearer KEY` (2.x SDKs, `ANTHROPIC_AUTH_TOKEN`).
        case bearer
    }
}
