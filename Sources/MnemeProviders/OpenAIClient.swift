public import MnemeHTTP

/// A client for OpenAI Chat Completions and OpenAI-compatible servers (Azure OpenAI, Ollama,
/// llama.cpp server, vLLM, LM Studio, OpenRouter).
///
/// ```swift
/// let http = try HTTPClient()
/// let openai = OpenAIClient(configuration: .openAI(apiKey: Secret(key)), http: http)
/// let answer = try await openai.complete(ChatRequest(model: "gpt-4o-mini", messages: [.init(role: .user, text: "Hi")]))
///
/// let ollama = OpenAIClient(configuration: .ollama(), http: http)
/// for try await event in ollama.stream(request) { … }
/// ```
///
/// Fine-tuned models (`ft:gpt-4o-mini-2024-07-18:org:suffix:id`) are used like any other model id.
public struct OpenAIClient: ChatProvider {
    /// The settings.
    public let configuration: Configuration
    private let client: WireClient<OpenAIWireAdapter>

    /// Creates a client sending through `http` (share one `HTTPClient` per process).
    public init(configuration: Configuration, http: HTTPClient, retry: RetryPolicy = RetryPolicy()) {
        self.configuration = configuration
        self.client = WireClient(wire: OpenAIWireAdapter(configuration: configuration), http: http, retry: retry)
    }

    /// Sends the request without streaming.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        try await client.complete(request)
    }

    /// Streams the answer (`stream: true`, with `stream_options.include_usage` unless the quirks disable it).
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        client.stream(request)
    }

    /// The HTTP request this client sends for `request` (for tests and `mneme explain`; the auth header is
    /// included, so do not log it verbatim — `HTTPHeaders.description` redacts it).
    public func httpRequest(for request: ChatRequest, streaming: Bool) async throws -> HTTPRequest {
        try await client.wire.makeHTTPRequest(request, streaming: streaming)
    }
}

extension OpenAIClient {
    /// Where and how to send requests.
    public struct Configuration: Sendable {
        /// The name used in errors, traces and prices: `"openai"`, `"azure"`, `"ollama"`, …
        public var providerName: String
        /// The base URL up to and including the version segment, for example `https://api.openai.com/v1`;
        /// `/chat/completions` is appended.
        public var baseURL: String
        /// The key; `nil` sends no auth header (local servers).
        public var apiKey: Secret?
        /// How the key is sent.
        public var auth: AuthStyle
        /// Query parameters appended to every URL (Azure: `api-version`).
        public var queryItems: [(name: String, value: String)]
        /// Extra headers (OpenRouter `HTTP-Referer`/`X-Title`, `OpenAI-Organization`, `OpenAI-Project`).
        public var extraHeaders: [(name: String, value: String)]
        /// Server differences.
        public var quirks: Quirks
        /// Limit for the whole exchange, streamed body included; `nil` for the HTTP client's default.
        public var timeout: Duration?
        /// Longest silence; `nil` for the HTTP client's default (300 s).
        public var idleTimeout: Duration?

        /// Creates a configuration.
        public init(
            providerName: String = "openai", baseURL: String = "https://api.openai.com/v1", apiKey: Secret?,
            auth: AuthStyle = .bearer, queryItems: [(name: String, value: String)] = [],
            extraHeaders: [(name: String, value: String)] = [], quirks: Quirks = .openAI,
            timeout: Duration? = nil, idleTimeout: Duration? = nil
        ) {
            self.providerName = providerName
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.auth = auth
            self.queryItems = queryItems
            self.extraHeaders = extraHeaders
            self.quirks = quirks
            self.timeout = timeout
            self.idleTimeout = idleTimeout
        }

        /// api.openai.com (or `baseURL`, as `OPENAI_BASE_URL`), with optional organization and project headers.
        public static func openAI(
            apiKey: Secret, baseURL: String = "https://api.openai.com/v1", organization: String? = nil,
            project: String? = nil
        ) -> Configuration {
            var headers: [(name: String, value: String)] = []
            if let organization { headers.append(("OpenAI-Organization", organization)) }
            if let project { headers.append(("OpenAI-Project", project)) }
            return Configuration(baseURL: baseURL, apiKey: apiKey, extraHeaders: headers)
        }

        /// Azure OpenAI, deployment style: `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…`
        /// with the `api-key` header. (For Azure's v1 API use ``openAI(apiKey:baseURL:organization:project:)``
        /// with `https://{resource}.openai.azure.com/openai/v1`.)
        public static func azure(endpoint: String, deployment: String, apiVersion: String, apiKey: Secret)
            -> Configuration
        {
            Configuration(
                providerName: "azure", baseURL: "\(trimmed(endpoint))/openai/deployments/\(deployment)", apiKey: apiKey,
                auth: .header("api-key"), queryItems: [("api-version", apiVersion)], quirks: .azure)
        }

        /// Ollama's OpenAI-compatible API at `host` (as `OLLAMA_HOST`: `host:port` or a URL; default
        /// `http://127.0.0.1:11434`).
        public static func ollama(host: String? = nil) -> Configuration {
            Configuration(
                providerName: "ollama", baseURL: ollamaBaseURL(host: host), apiKey: nil, auth: .none, quirks: .local)
        }

        /// llama.cpp `llama-server` (default `http://127.0.0.1:8080/v1`; key only if started with `--api-key`).
        public static func llamaCpp(baseURL: String = "http://127.0.0.1:8080/v1", apiKey: Secret? = nil)
            -> Configuration
        {
            Configuration(providerName: "llamacpp", baseURL: baseURL, apiKey: apiKey, quirks: .local)
        }

        /// vLLM `vllm serve` (default `http://127.0.0.1:8000/v1`).
        public static func vLLM(baseURL: String = "http://127.0.0.1:8000/v1", apiKey: Secret? = nil) -> Configuration {
            Configuration(providerName: "vllm", baseURL: baseURL, apiKey: apiKey, quirks: .local)
        }

        /// LM Studio (default `http://127.0.0.1:1234/v1`).
        public static func lmStudio(baseURL: String = "http://127.0.0.1:1234/v1") -> Configuration {
            Configuration(providerName: "lmstudio", baseURL: baseURL, apiKey: nil, quirks: .local)
        }

        /// OpenRouter (`https://openrouter.ai/api/v1`); `appURL`/`appTitle` become `HTTP-Referer`/`X-Title`.
        public static func openRouter(apiKey: Secret, appURL: String? = nil, appTitle: String? = nil) -> Configuration {
            var headers: [(name: String, value: String)] = []
            if let appURL { headers.append(("HTTP-Referer", appURL)) }
            if let appTitle { headers.append(("X-Title", appTitle)) }
            return Configuration(
                providerName: "openrouter", baseURL: "https://openrouter.ai/api/v1", apiKey: apiKey,
                extraHeaders: headers, quirks: .compatible)
        }

        /// Any other OpenAI-compatible server.
        public static func compatible(
            baseURL: String, apiKey: Secret? = nil, providerName: String = "openai-compatible"
        )
            -> Configuration
        {
            Configuration(providerName: providerName, baseURL: baseURL, apiKey: apiKey, quirks: .compatible)
        }

        static func trimmed(_ url: String) -> String {
            var url = url
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }

        /// `OLLAMA_HOST` rules: a bare `host[:port]` gets `http://` and port 11434; `0.0.0.0` (a listen
        /// address) is reached as `127.0.0.1`; `/v1` is appended.
        static func ollamaBaseURL(host: String?) -> String {
            var value = (host ?? "").trimmingWhitespace()
            if value.isEmpty { value = "http://127.0.0.1:11434" }
            if !value.contains("://") { value = "http://" + value }
            value = trimmed(value)
            let schemeEnd = value.range(of: "://")!.upperBound
            let authorityEnd = value[schemeEnd...].firstIndex(of: "/") ?? value.endIndex
            var authority = String(value[schemeEnd..<authorityEnd])
            let path = String(value[authorityEnd...])
            if authority.hasPrefix("0.0.0.0") { authority = "127.0.0.1" + authority.dropFirst("0.0.0.0".count) }
            let hasPort = authority.split(separator: "]").last?.contains(":") ?? false
            if !hasPort && !authority.isEmpty {
                authority += value.hasPrefix("https://") ? ":443" : ":11434"
            }
            let base = String(value[..<schemeEnd]) + authority + path
            return base.hasSuffix("/v1") ? base : base + "/v1"
        }
    }

    /// How the key is sent.
    public enum AuthStyle: Sendable, Hashable {
        /// `Authorization: Bearer KEY` (OpenAI and most compatible servers).
        case bearer
        /// `NAME: KEY` (Azure: `api-key`).
        case header(String)
        /// No auth header.
        case none
    }

    /// Differences between OpenAI and compatible servers.
    public struct Quirks: Sendable, Hashable {
        /// Which field carries the output limit.
        public enum MaxTokensField: Sendable, Hashable {
            /// `max_completion_tokens` (OpenAI; `max_tokens` is deprecated and rejected by reasoning models).
            case maxCompletionTokens
            /// `max_tokens` (what Ollama, llama.cpp, vLLM and LM Studio document).
            case maxTokens
        }

        /// The output limit field.
        public var maxTokensField: MaxTokensField
        /// Whether streams ask for a final usage chunk (`stream_options.include_usage`).
        public var includeUsageInStream: Bool
        /// The role of the system message: `"system"`, or `"developer"` for o1-and-later models if wanted.
        public var systemRole: String

        /// Creates quirks.
        public init(maxTokensField: MaxTokensField, includeUsageInStream: Bool, systemRole: String = "system") {
            self.maxTokensField = maxTokensField
            self.includeUsageInStream = includeUsageInStream
            self.systemRole = systemRole
        }

        /// api.openai.com.
        public static let openAI = Quirks(maxTokensField: .maxCompletionTokens, includeUsageInStream: true)
        /// Azure OpenAI (same wire as OpenAI).
        public static let azure = Quirks(maxTokensField: .maxCompletionTokens, includeUsageInStream: true)
        /// Local servers (Ollama, llama.cpp, vLLM, LM Studio): `max_tokens`.
        public static let local = Quirks(maxTokensField: .maxTokens, includeUsageInStream: true)
        /// Unknown compatible servers: the most widely accepted fields.
        public static let compatible = Quirks(maxTokensField: .maxTokens, includeUsageInStream: true)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
