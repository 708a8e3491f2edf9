/// What Mneme needs to know about a model to budget a request.
///
/// ```swift
/// let info = ModelCatalog.builtIn.resolve("gpt-4o-2024-08-06").info
/// info.contextWindow      // 128_000
/// info.maxOutputTokens    // 16_384
/// info.tokenizer          // .openAI(.o200kBase)
/// ```
public struct ModelInfo: Sendable, Hashable, Codable {
    /// Canonical id (or id prefix for families such as `gpt-4o`).
    public var id: String
    /// Who serves it.
    public var provider: Provider
    /// Total tokens (prompt + output) the model accepts.
    public var contextWindow: Int
    /// Largest completion the provider allows.
    public var maxOutputTokens: Int
    /// Tokenizer, and so whether counts are exact.
    public var tokenizer: TokenizerFamily
    /// Where the model can be fine-tuned (empty: nowhere).
    public var fineTuning: Set<FineTuningPlatform>
    /// Per-message overhead used when counting chat requests.
    public var chatFormat: ChatFormat

    /// Creates an entry.
    public init(
        id: String,
        provider: Provider,
        contextWindow: Int,
        maxOutputTokens: Int,
        tokenizer: TokenizerFamily,
        fineTuning: Set<FineTuningPlatform> = [],
        chatFormat: ChatFormat = .openAIChat
    ) {
        self.id = id
        self.provider = provider
        self.contextWindow = contextWindow
        self.maxOutputTokens = maxOutputTokens
        self.tokenizer = tokenizer
        self.fineTuning = fineTuning
        self.chatFormat = chatFormat
    }

    /// The model's provider.
    public enum Provider: String, Sendable, Hashable, Codable, CaseIterable {
        case openAI, anthropic, google, local, unknown
    }

    /// Whether the tokenizer is public and counts are exact.
    public var isExact: Bool { tokenizer.exactEncoding != nil }
}
