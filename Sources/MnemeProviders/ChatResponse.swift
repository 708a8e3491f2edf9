/// A complete answer, returned by ``ChatProvider/complete(_:)``.
public struct ChatResponse: Sendable, Hashable {
    /// The generated text.
    public var text: String
    /// Why generation stopped.
    public var finishReason: FinishReason
    /// Token counts as the provider reported them; `nil` if it reported none.
    public var usage: Usage?
    /// The model as the provider reported it (may differ from the requested alias).
    public var model: String

    /// Creates a response.
    public init(text: String, finishReason: FinishReason, usage: Usage?, model: String) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
    }
}

/// Why the model stopped generating.
public enum FinishReason: Sendable, Hashable, CustomStringConvertible {
    /// A natural end or a stop sequence.
    case stop
    /// The output token limit (or the context window) was reached.
    case length
    /// The provider withheld or cut the answer (safety, recitation, refusal).
    case contentFilter
    /// The model wants to call a tool.
    case toolCall
    /// Any other provider-specific reason, verbatim.
    case other(String)

    public var description: String {
        switch self {
        case .stop: "stop"
        case .length: "length"
        case .contentFilter: "contentFilter"
        case .toolCall: "toolCall"
        case .other(let reason): reason
        }
    }
}

/// Token counts of one exchange.
public struct Usage: Sendable, Hashable, Codable {
    /// Input tokens, including cached ones.
    public var promptTokens: Int
    /// Generated tokens (including reasoning tokens where the provider counts them there).
    public var completionTokens: Int
    /// How many of ``promptTokens`` were read from the provider's prompt cache, if reported.
    public var cachedTokens: Int?

    /// Creates usage.
    public init(promptTokens: Int, completionTokens: Int, cachedTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
    }

    /// ``promptTokens`` + ``completionTokens``.
    public var totalTokens: Int { promptTokens + completionTokens }
}
