public import MnemeHTTP

/// A client for Gemini `generateContent`, on the Gemini API (API key) or on Vertex AI (OAuth2 token,
/// project/location URLs, tuned-model endpoints).
///
/// ```swift
/// let gemini = GeminiClient(configuration: .init(endpoint: .geminiAPI(apiKey: Secret(key))), http: http)
/// let vertex = GeminiClient(
///     configuration: .init(endpoint: .vertex(project: "p", location: "us-central1", credentials: .gcloud())),
///     http: http)
/// // A tuned model: pass its endpoint as the model id.
/// let tuned = ChatRequest(model: "projects/p/locations/us-central1/endpoints/123", messages: turns)
/// ```
public struct GeminiClient: ChatProvider {
    /// The settings.
    public let configuration: Configuration
    private let client: WireClient<GeminiWireAdapter>

    /// Creates a client sending through `http`. The default retry policy retries google-genai's list
    /// (408, 429, 500, 502, 503, 504) and waits the `retryDelay` Gemini sends.
    public init(configuration: Configuration, http: HTTPClient, retry: RetryPolicy = RetryPolicy()) {
        self.configuration = configuration
        self.client = WireClient(wire: GeminiWireAdapter(configuration: configuration), http: http, retry: retry)
    }

    /// Sends the request to `:generateContent`.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        try await client.complete(request)
    }

    /// Streams the answer from `:streamGenerateContent?alt=sse`.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        client.stream(request)
    }

    /// The HTTP request this client sends for `request` (contains credentials in a header).
    public func httpRequest(for request: ChatRequest, streaming: Bool) async throws -> HTTPRequest {
        try await client.wire.makeHTTPRequest(request, streaming: streaming)
    }
}

extension GeminiClient {
    /// Where and how to send requests.
    public struct Configuration: Sendable {
        /// The service.
        public var endpoint: Endpoint
        /// Limit for the whole exchange; `nil` for the HTTP client's default.
        public var timeout: Duration?
        /// Longest silence; `nil` for the HTTP client's default.
        public var idleTimeout: Duration?

        /// Creates a configuration.
        public init(endpoint: Endpoint, timeout: Duration? = nil, idleTimeout: Duration? = nil) {
            self.endpoint = endpoint
            self.timeout = timeout
            self.idleTimeout = idleTimeout
        }
    }

    /// The Gemini API or Vertex AI.
    public enum Endpoint: Sendable {
        /// The Gemini API: `{baseURL}/{apiVersion}/models/{model}:generateContent` with `x-goog-api-key`.
        /// `apiVersion` defaults to `v1beta` (the docs'; google-genai 3.x uses `v1`, overridable by
        /// `GOOGLE_GENAI_API_VERSION`).
        case geminiAPI(
            apiKey: Secret, baseURL: String = "https://generativelanguage.googleapis.com", apiVersion: String = "v1beta"
        )
        /// Vertex AI: `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/
        /// publishers/google/models/{model}:generateContent` with `Authorization: Bearer TOKEN`; model ids starting
        /// with `projects/` (tuned-model endpoints) are used as they are. `userProject` sets `x-goog-user-project`.
        case vertex(
            project: String, location: String, credentials: AccessTokenSource, baseURL: String? = nil,
            apiVersion: String = "v1", userProject: String? = nil)
        /// Vertex AI express mode: API key, no project in the path.
        case vertexExpress(
            apiKey: Secret, baseURL: String = "https://aiplatform.googleapis.com", apiVersion: String = "v1")

        /// `"gemini"` or `"vertex"`.
        public var providerName: String {
            switch self {
            case .geminiAPI: "gemini"
            case .vertex, .vertexExpress: "vertex"
            }
        }
    }
}
