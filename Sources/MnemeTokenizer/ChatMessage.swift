/// One message of a chat request, as counted by ``TokenCounter/count(messages:model:)``.
public struct ChatMessage: Sendable, Hashable, Codable {
    /// `system`, `user`, `assistant`, `tool`…
    public var role: String
    /// The text content.
    public var content: String
    /// Optional participant name (costs extra tokens).
    public var name: String?

    /// Creates a message.
    public init(role: String, content: String, name: String? = nil) {
        self.role = role
        self.content = content
        self.name = name
    }
}

/// The fixed token overhead a provider adds around chat messages.
///
/// For OpenAI chat models (OpenAI cookbook, "How to count tokens with tiktoken"): every message costs
/// its role, content and name tokens plus 3, a name costs 1 more, and the reply is primed with 3 tokens
/// (`<|start|>assistant<|message|>`).
public struct ChatFormat: Sendable, Hashable, Codable {
    /// Tokens added per message.
    public var tokensPerMessage: Int
    /// Tokens added when a message has a `name`.
    public var tokensPerName: Int
    /// Tokens added once for the assistant reply priming.
    public var replyPriming: Int

    /// Creates a format.
    public init(tokensPerMessage: Int, tokensPerName: Int, replyPriming: Int) {
        self.tokensPerMessage = tokensPerMessage
        self.tokensPerName = tokensPerName
        self.replyPriming = replyPriming
    }

    /// gpt-3.5-turbo (0613 and later), gpt-4, gpt-4o, gpt-4.1, o-series: 3 / 1 / 3.
    public static let openAIChat = ChatFormat(tokensPerMessage: 3, tokensPerName: 1, replyPriming: 3)
    /// gpt-3.5-turbo-0301: 4 per message, a name replaces the role (-1), 3 priming.
    public static let openAILegacy0301 = ChatFormat(tokensPerMessage: 4, tokensPerName: -1, replyPriming: 3)
}

extension Tokenizer {
    /// Tokens of a whole chat request as OpenAI counts `usage.prompt_tokens` (text-only messages,
    /// no tools/functions): `Σ (format.tokensPerMessage + |role| + |content| + (name ? |name| + tokensPerName : 0))
    /// + format.replyPriming`. Text is counted with ``encodeOrdinary(_:)`` (special-token strings in
    /// user text count as plain text, as the API treats them).
    ///
    /// ```swift
    /// let n = try Tokenizer.shared(.o200kBase).countChat([
    ///     ChatMessage(role: "system", content: "You are terse."),
    ///     ChatMessage(role: "user", content: "Hi"),
    /// ])
    /// ```
    public func countChat(_ messages: [ChatMessage], format: ChatFormat = .openAIChat) -> Int {
        var total = format.replyPriming
        for message in messages {
            total += format.tokensPerMessage + count(message.role) + count(message.content)
            if let name = message.name {
                total += count(name) + format.tokensPerName
            }
        }
        return total
    }
}
