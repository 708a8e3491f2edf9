public import MnemeHTTP

/// Builds clients for targets (`provider:model`) and route decisions from a ``ProviderEnvironment``,
/// and picks the default model: the first provider with a key (OpenAI, Anthropic, Gemini, Vertex), else
/// the offline provider.
///
/// ```swift
/// let factory = ProviderFactory(environment: .process(), http: try HTTPClient())
/// let choice = factory.defaultChoice()      // e.g. offline:offline, "no API key configured …"
/// let provider = try factory.provider(for: choice.target)
/// ```
public struct ProviderFactory: Sendable {
    /// The settings.
    public let environment: ProviderEnvironment
    /// The shared transport.
    public let http: HTTPClient
    /// The retry policy given to every client.
    public let retry: RetryPolicy
    /// The offline provider used for `offline:` targets.
    public let offline: OfflineProvider

    /// Creates a factory.
    public init(
        environment: ProviderEnvironment, http: HTTPClient, retry: RetryPolicy = RetryPolicy(),
        offline: OfflineProvider = OfflineProvider()
    ) {
        self.environment = environment
        self.http = http
        self.retry = retry
        self.offline = offline
    }

    /// The default model and why it was chosen.
    public struct DefaultChoice: Sendable, Hashable {
        /// The target.
        public var target: ModelTarget
        /// Why, in words (names the variable that decided, never its value).
        public var reason: String
    }

    /// Default models per provider.
    public static let defaultModels: [String: String] = [
        ProviderKind.openAI: "gpt-4o-mini", ProviderKind.anthropic: "claude-sonnet-4-5",
        ProviderKind.gemini: "gemini-2.5-flash", ProviderKind.vertex: "gemini-2.5-flash",
        ProviderKind.offline: OfflineProvider.modelName,
    ]

    /// The first configured provider, else offline.
    public func defaultChoice() -> DefaultChoice {
        func choice(_ provider: String, _ reason: String) -> DefaultChoice {
            DefaultChoice(target: ModelTarget(provider: provider, model: Self.defaultModels[provider]!), reason: reason)
        }
        if environment.openAIKey != nil { return choice(ProviderKind.openAI, "OPENAI_API_KEY is set") }
        if environment.anthropicKey != nil || environment.anthropicAuthToken != nil {
            return choice(ProviderKind.anthropic, "ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN is set")
        }
        if environment.useVertex, environment.vertexProject != nil {
            return choice(ProviderKind.vertex, "GOOGLE_GENAI_USE_VERTEXAI and GOOGLE_CLOUD_PROJECT are set")
        }
        if environment.geminiKey != nil {
            return choice(ProviderKind.gemini, "GOOGLE_API_KEY or GEMINI_API_KEY is set")
        }
        return choice(
            ProviderKind.offline,
            "no API key configured (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY): using the offline provider")
    }

    /// A client for `target`'s provider.
    ///
    /// - Throws: ``ProviderError`` (`.configuration`) for an unknown provider or a missing key/base URL.
    public func provider(for target: ModelTarget) throws(ProviderError) -> any ChatProvider {
        func missing(_ what: String) -> ProviderError {
            ProviderError(code: .configuration, message: "\(target) needs \(what)", provider: target.provider)
        }
        switch target.provider {
        case ProviderKind.offline:
            return offline
        case ProviderKind.openAI:
            guard let key = environment.openAIKey else { throw missing("OPENAI_API_KEY") }
            return OpenAIClient(
                configuration: .openAI(
                    apiKey: key, baseURL: environment.openAIBaseURL ?? "https://api.openai.com/v1",
                    organization: environment.openAIOrganization, project: environment.openAIProject),
                http: http, retry: retry)
        case ProviderKind.anthropic:
            let base = environment.anthropicBaseURL ?? "https://api.anthropic.com"
            let version = environment.anthropicVersion ?? "2023-06-01"
            if let key = environment.anthropicKey {
                return AnthropicClient(
                    configuration: .init(apiKey: key, baseURL: base, version: version), http: http, retry: retry)
            }
            guard let token = environment.anthropicAuthToken else { throw missing("ANTHROPIC_API_KEY") }
            return AnthropicClient(
                configuration: .init(apiKey: token, baseURL: base, auth: .bearer, version: version), http: http,
                retry: retry)
        case ProviderKind.gemini:
            guard let key = environment.geminiKey else { throw missing("GEMINI_API_KEY or GOOGLE_API_KEY") }
            return GeminiClient(
                configuration: .init(
                    endpoint: .geminiAPI(
                        apiKey: key, baseURL: environment.geminiBaseURL ?? "https://generativelanguage.googleapis.com",
                        apiVersion: environment.geminiAPIVersion ?? "v1beta")),
                http: http, retry: retry)
        case ProviderKind.vertex:
            guard let project = environment.vertexProject else { throw missing("GOOGLE_CLOUD_PROJECT") }
            let credentials = environment.vertexAccessToken.map(AccessTokenSource.token) ?? .gcloud()
            return GeminiClient(
                configuration: .init(
                    endpoint: .vertex(
                        project: project, location: environment.vertexLocation ?? "us-central1",
                        credentials: credentials, baseURL: environment.vertexBaseURL)),
                http: http, retry: retry)
        case ProviderKind.ollama:
            return OpenAIClient(configuration: .ollama(host: environment.ollamaHost), http: http, retry: retry)
        case ProviderKind.openAICompatible:
            guard let base = environment.compatibleBaseURL else { throw missing("OPENAI_COMPATIBLE_BASE_URL") }
            return OpenAIClient(
                configuration: .compatible(baseURL: base, apiKey: environment.compatibleKey), http: http, retry: retry)
        default:
            throw ProviderError(
                code: .configuration,
                message: "unknown provider '\(target.provider)' (known: \(ProviderKind.all.joined(separator: ", ")))",
                provider: target.provider)
        }
    }

    /// The client for a route decision: a ``FallbackProvider`` over its target and fallbacks (it sets
    /// ``ChatRequest/model`` from each target).
    public func provider(for decision: RouteDecision, onFallback: (@Sendable (FallbackNotice) -> Void)? = nil)
        throws(ProviderError) -> any ChatProvider
    {
        let targets = [decision.target] + decision.fallbacks
        var links: [FallbackProvider.Link] = []
        for target in targets {
            links.append(FallbackProvider.Link(target: target, provider: try provider(for: target)))
        }
        return FallbackProvider(links: links, onFallback: onFallback)
    }
}
