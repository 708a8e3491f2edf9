/// One `[providers.NAME]` section of `mneme.toml`: where the provider's key is (by environment variable
/// name, or — discouraged — the key itself) and its base URL and options.
///
/// A section is applied by writing the official SDK's variable into the engine's environment, so a
/// setting in the file and the same variable set by hand behave identically:
///
/// ```toml
/// [providers.openai]
/// api_key_env = "ACME_OPENAI_KEY"          # OPENAI_API_KEY ← $ACME_OPENAI_KEY
/// base_url = "https://gateway.acme.internal/v1"
/// ```
struct ProviderSettings: Decodable, Sendable {
    var apiKeyEnv: String?
    var apiKey: String?
    var authTokenEnv: String?
    var baseURL: String?
    var organization: String?
    var project: String?
    var location: String?
    var accessTokenEnv: String?
    var apiVersion: String?
    var version: String?
    var host: String?
    var enabled: Bool?

    enum CodingKeys: String, CodingKey {
        case apiKeyEnv = "api_key_env"
        case apiKey = "api_key"
        case authTokenEnv = "auth_token_env"
        case baseURL = "base_url"
        case organization, project, location
        case accessTokenEnv = "access_token_env"
        case apiVersion = "api_version"
        case version, host, enabled
    }

    /// The keys each provider accepts, and the SDK variable each one sets.
    struct Shape {
        var keyVariable: String?
        var settings: [CodingKeys: String]
    }

    static let shapes: [String: Shape] = [
        "openai": Shape(
            keyVariable: "OPENAI_API_KEY",
            settings: [.baseURL: "OPENAI_BASE_URL", .organization: "OPENAI_ORG_ID", .project: "OPENAI_PROJECT_ID"]),
        "anthropic": Shape(
            keyVariable: "ANTHROPIC_API_KEY",
            settings: [
                .baseURL: "ANTHROPIC_BASE_URL", .version: "ANTHROPIC_VERSION", .authTokenEnv: "ANTHROPIC_AUTH_TOKEN",
            ]
        ),
        "gemini": Shape(
            keyVariable: "GEMINI_API_KEY",
            settings: [.baseURL: "GOOGLE_GEMINI_BASE_URL", .apiVersion: "GOOGLE_GENAI_API_VERSION"]),
        "vertex": Shape(
            keyVariable: nil,
            settings: [
                .project: "GOOGLE_CLOUD_PROJECT", .location: "GOOGLE_CLOUD_LOCATION",
                .baseURL: "GOOGLE_VERTEX_BASE_URL",
                .accessTokenEnv: "GOOGLE_OAUTH_ACCESS_TOKEN", .enabled: "GOOGLE_GENAI_USE_VERTEXAI",
            ]),
        "ollama": Shape(keyVariable: nil, settings: [.host: "OLLAMA_HOST"]),
        "openai-compatible": Shape(
            keyVariable: "OPENAI_COMPATIBLE_API_KEY", settings: [.baseURL: "OPENAI_COMPATIBLE_BASE_URL"]),
    ]

    /// The value of one setting as written.
    func value(_ key: CodingKeys) -> String? {
        switch key {
        case .baseURL: baseURL
        case .organization: organization
        case .project: project
        case .location: location
        case .apiVersion: apiVersion
        case .version: version
        case .host: host
        case .enabled: enabled.map { $0 ? "true" : "false" }
        case .authTokenEnv, .accessTokenEnv, .apiKeyEnv, .apiKey: nil
        }
    }

    /// The keys this section sets that `shape` does not accept.
    func unsupportedKeys(for shape: Shape) -> [CodingKeys] {
        let allowed = Set(shape.settings.keys).union(shape.keyVariable == nil ? [] : [.apiKeyEnv, .apiKey])
        let written: [(CodingKeys, Bool)] = [
            (.apiKeyEnv, apiKeyEnv != nil), (.apiKey, apiKey != nil), (.authTokenEnv, authTokenEnv != nil),
            (.baseURL, baseURL != nil), (.organization, organization != nil), (.project, project != nil),
            (.location, location != nil), (.accessTokenEnv, accessTokenEnv != nil), (.apiVersion, apiVersion != nil),
            (.version, version != nil), (.host, host != nil), (.enabled, enabled != nil),
        ]
        return written.filter { $0.1 && !allowed.contains($0.0) }.map(\.0)
    }
}
