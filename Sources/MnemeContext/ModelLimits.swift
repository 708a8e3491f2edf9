/// The size limits and counting overheads of the target model.
///
/// The budget the builder fills is `contextWindow − reservedOutput − safetyMargin`. The overheads describe how the
/// provider counts a chat request: OpenAI chat models add 3 tokens per message and 3 for reply priming
/// (``openAIChat(contextWindow:reservedOutput:safetyMargin:)``); the role name is counted with the injected counter.
///
/// ```swift
/// let limits = ModelLimits.openAIChat(contextWindow: 128_000, reservedOutput: 4_096, safetyMargin: 256)
/// ```
public struct ModelLimits: Sendable, Hashable, Codable {
    /// The model's context window in tokens (prompt and completion together).
    public var contextWindow: Int
    /// Tokens kept free for the answer.
    public var reservedOutput: Int
    /// Extra tokens kept free for counting differences (estimated tokenizers, provider-side wrapping).
    public var safetyMargin: Int
    /// Tokens the provider adds around every message (OpenAI chat: 3).
    public var tokensPerMessage: Int
    /// Tokens the provider adds once to prime the reply (OpenAI chat: 3).
    public var replyPriming: Int

    /// Creates limits.
    public init(
        contextWindow: Int, reservedOutput: Int, safetyMargin: Int = 0, tokensPerMessage: Int = 3,
        replyPriming: Int = 3
    ) {
        self.contextWindow = contextWindow
        self.reservedOutput = reservedOutput
        self.safetyMargin = safetyMargin
        self.tokensPerMessage = tokensPerMessage
        self.replyPriming = replyPriming
    }

    /// Limits with OpenAI chat overheads (3 tokens per message, 3 for reply priming).
    public static func openAIChat(contextWindow: Int, reservedOutput: Int, safetyMargin: Int = 0) -> ModelLimits {
        ModelLimits(
            contextWindow: contextWindow, reservedOutput: reservedOutput, safetyMargin: safetyMargin,
            tokensPerMessage: 3, replyPriming: 3)
    }

    /// The prompt budget: `contextWindow − reservedOutput − safetyMargin` (may be negative for bad limits).
    public var available: Int { contextWindow - reservedOutput - safetyMargin }
}
