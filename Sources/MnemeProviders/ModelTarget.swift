/// A provider and a model on it: `openai:gpt-4o-mini`, `anthropic:claude-sonnet-4-5`,
/// `openai:ft:gpt-4o-mini-2024-07-18:acme::abc123` (fine-tuned models are ordinary targets).
///
/// Codable as the string `provider:model` (what config files hold); an object
/// `{provider, model}` is accepted too.
///
/// ```swift
/// let target = try ModelTarget(parsing: "ollama:llama3.2:3b")  // provider ollama, model "llama3.2:3b"
/// ```
public struct ModelTarget: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The provider name: one of ``ProviderKind`` or a name configured in the factory.
    public var provider: String
    /// The model id on that provider.
    public var model: String

    /// Creates a target.
    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses `provider:model`; only the first colon separates (model ids may contain colons).
    ///
    /// - Throws: ``ProviderError`` with code `.configuration` if there is no provider prefix or a part is empty.
    public init(parsing text: String) throws(ProviderError) {
        let trimmed = text.trimmingWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw ProviderError(
                code: .configuration,
                message: "'\(trimmed)' is not of the form provider:model (for example openai:gpt-4o-mini)",
                provider: "config")
        }
        let provider = String(trimmed[..<colon]).lowercased()
        let model = String(trimmed[trimmed.index(after: colon)...])
        guard !provider.isEmpty, !model.isEmpty || provider == ProviderKind.offline else {
            throw ProviderError(
                code: .configuration, message: "'\(trimmed)' has an empty provider or model", provider: "config")
        }
        self.init(provider: provider, model: model)
    }

    /// `provider:model`.
    public var description: String { "\(provider):\(model)" }

    private enum CodingKeys: String, CodingKey { case provider, model }

    /// Decodes `"provider:model"` or `{provider, model}`.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            self = try ModelTarget(parsing: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            provider: try container.decode(String.self, forKey: .provider).lowercased(),
            model: try container.decode(String.self, forKey: .model))
    }

    /// Encodes `"provider:model"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The provider names understood by ``ProviderFactory``.
public enum ProviderKind {
    /// OpenAI (`OPENAI_API_KEY`, `OPENAI_BASE_URL`).
    public static let openAI = "openai"
    /// Anthropic (`ANTHROPIC_API_KEY` or `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_BASE_URL`).
    public static let anthropic = "anthropic"
    /// Gemini API (`GEMINI_API_KEY`/`GOOGLE_API_KEY`, `GOOGLE_GEMINI_BASE_URL`).
    public static let gemini = "gemini"
    /// Vertex AI (`GOOGLE_CLOUD_PROJECT`, `GOOGLE_CLOUD_LOCATION`, token from `GOOGLE_OAUTH_ACCESS_TOKEN` or gcloud).
    public static let vertex = "vertex"
    /// Ollama (`OLLAMA_HOST`).
    public static let ollama = "ollama"
    /// Any OpenAI-compatible server (`OPENAI_COMPATIBLE_BASE_URL`, optional `OPENAI_COMPATIBLE_API_KEY`).
    public static let openAICompatible = "openai-compatible"
    /// The offline provider.
    public static let offline = "offline"

    /// All of them.
    public static let all: [String] = [openAI, anthropic, gemini, vertex, ollama, openAICompatible, offline]
}
