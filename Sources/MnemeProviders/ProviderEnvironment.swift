import Foundation

/// Provider settings read from environment variables, with the official SDKs' names and meanings.
///
/// | variable | meaning |
/// |---|---|
/// | `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID` | OpenAI (as the `openai` SDK) |
/// | `ANTHROPIC_API_KEY` (`x-api-key`), `ANTHROPIC_AUTH_TOKEN` (Bearer), `ANTHROPIC_BASE_URL`, `ANTHROPIC_VERSION` | Anthropic |
/// | `GOOGLE_API_KEY` or `GEMINI_API_KEY` (GOOGLE wins if both, as in google-genai), `GOOGLE_GEMINI_BASE_URL`, `GOOGLE_GENAI_API_VERSION` | Gemini API |
/// | `GOOGLE_CLOUD_PROJECT`, `GOOGLE_CLOUD_LOCATION`, `GOOGLE_GENAI_USE_VERTEXAI`, `GOOGLE_VERTEX_BASE_URL`, `GOOGLE_OAUTH_ACCESS_TOKEN` | Vertex AI |
/// | `OLLAMA_HOST` | Ollama |
/// | `OPENAI_COMPATIBLE_BASE_URL`, `OPENAI_COMPATIBLE_API_KEY` | another OpenAI-compatible server (Mneme's names) |
///
/// Empty values count as unset. Tests pass a dictionary instead of the process environment.
///
/// ```swift
/// let environment = ProviderEnvironment(["OPENAI_API_KEY": "sk-test"])
/// ```
public struct ProviderEnvironment: Sendable {
    /// `OPENAI_API_KEY`.
    public var openAIKey: Secret?
    /// `OPENAI_BASE_URL`.
    public var openAIBaseURL: String?
    /// `OPENAI_ORG_ID`.
    public var openAIOrganization: String?
    /// `OPENAI_PROJECT_ID`.
    public var openAIProject: String?
    /// `ANTHROPIC_API_KEY` (sent as `x-api-key`).
    public var anthropicKey: Secret?
    /// `ANTHROPIC_AUTH_TOKEN` (sent as `Authorization: Bearer`), used when there is no API key.
    public var anthropicAuthToken: Secret?
    /// `ANTHROPIC_BASE_URL`.
    public var anthropicBaseURL: String?
    /// `ANTHROPIC_VERSION` (Mneme's name): the `anthropic-version` header, default `2023-06-01`.
    public var anthropicVersion: String?
    /// `GOOGLE_API_KEY`, else `GEMINI_API_KEY`.
    public var geminiKey: Secret?
    /// `GOOGLE_GEMINI_BASE_URL`.
    public var geminiBaseURL: String?
    /// `GOOGLE_GENAI_API_VERSION`.
    public var geminiAPIVersion: String?
    /// `GOOGLE_CLOUD_PROJECT`.
    public var vertexProject: String?
    /// `GOOGLE_CLOUD_LOCATION` (default `us-central1`).
    public var vertexLocation: String?
    /// `GOOGLE_GENAI_USE_VERTEXAI` is `true`/`1`.
    public var useVertex: Bool
    /// `GOOGLE_VERTEX_BASE_URL`.
    public var vertexBaseURL: String?
    /// `GOOGLE_OAUTH_ACCESS_TOKEN`; without it `gcloud auth print-access-token` is run when needed.
    public var vertexAccessToken: Secret?
    /// `OLLAMA_HOST`.
    public var ollamaHost: String?
    /// `OPENAI_COMPATIBLE_BASE_URL`.
    public var compatibleBaseURL: String?
    /// `OPENAI_COMPATIBLE_API_KEY`.
    public var compatibleKey: Secret?

    /// Reads the variables from `variables`.
    public init(_ variables: [String: String]) {
        func value(_ name: String) -> String? {
            guard let value = variables[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
            return value
        }
        openAIKey = value("OPENAI_API_KEY").map(Secret.init)
        openAIBaseURL = value("OPENAI_BASE_URL")
        openAIOrganization = value("OPENAI_ORG_ID")
        openAIProject = value("OPENAI_PROJECT_ID")
        anthropicKey = value("ANTHROPIC_API_KEY").map(Secret.init)
        anthropicAuthToken = value("ANTHROPIC_AUTH_TOKEN").map(Secret.init)
        anthropicBaseURL = value("ANTHROPIC_BASE_URL")
        anthropicVersion = value("ANTHROPIC_VERSION")
        geminiKey = (value("GOOGLE_API_KEY") ?? value("GEMINI_API_KEY")).map(Secret.init)
        geminiBaseURL = value("GOOGLE_GEMINI_BASE_URL")
        geminiAPIVersion = value("GOOGLE_GENAI_API_VERSION")
        vertexProject = value("GOOGLE_CLOUD_PROJECT")
        vertexLocation = value("GOOGLE_CLOUD_LOCATION")
        useVertex = ["true", "1", "yes"].contains(value("GOOGLE_GENAI_USE_VERTEXAI")?.lowercased() ?? "")
        vertexBaseURL = value("GOOGLE_VERTEX_BASE_URL")
        vertexAccessToken = value("GOOGLE_OAUTH_ACCESS_TOKEN").map(Secret.init)
        ollamaHost = value("OLLAMA_HOST")
        compatibleBaseURL = value("OPENAI_COMPATIBLE_BASE_URL")
        compatibleKey = value("OPENAI_COMPATIBLE_API_KEY").map(Secret.init)
    }

    /// Reads the process environment.
    public static func process() -> ProviderEnvironment {
        ProviderEnvironment(ProcessInfo.processInfo.environment)
    }
}
