/// A token count and how much to trust it.
public struct TokenCount: Sendable, Hashable {
    /// The count to budget with (after calibration).
    public let tokens: Int
    /// The count before calibration.
    public let uncalibrated: Int
    /// True when produced by the model's own public tokenizer.
    public let isExact: Bool
    /// The catalog entry the model resolved to.
    public let model: ModelInfo
}

/// Model-aware counting: exact for OpenAI models, estimated (high side) and calibrated otherwise.
///
/// ```swift
/// var counter = TokenCounter()
/// let count = try counter.count(messages: messages, model: "gpt-4o-mini")   // exact, matches usage.prompt_tokens
/// let claude = try counter.count("Hello", model: "claude-sonnet-4-20250514") // estimate
/// counter.recordUsage(model: "claude-sonnet-4-20250514", estimated: claude.uncalibrated, actual: 9)
/// let ids = try counter.encode("hi", model: "gpt-4.1")
/// ```
public struct TokenCounter: Sendable {
    /// Model metadata and resolution rules.
    public var catalog: ModelCatalog
    /// Estimation profiles.
    public var estimator: TokenEstimator
    /// Usage feedback.
    public var calibration: UsageCalibration

    /// Creates a counter.
    public init(
        catalog: ModelCatalog = .builtIn, estimator: TokenEstimator = .default,
        calibration: UsageCalibration = UsageCalibration()
    ) {
        self.catalog = catalog
        self.estimator = estimator
        self.calibration = calibration
    }

    /// The exact tokenizer of a model.
    /// - Throws: ``TokenizerError/Code-swift.struct/tokenizerNotPublic`` for Claude, Gemini and local models.
    public func tokenizer(forModel model: String) throws -> Tokenizer {
        let info = catalog.info(for: model)
        guard let encoding = info.tokenizer.exactEncoding else {
            throw TokenizerError(
                code: .tokenizerNotPublic,
                message:
                    "\(model) uses the \(info.tokenizer) tokenizer, which is not public: token ids are unavailable. "
                    + "Use count(_:model:) for an estimate."
            )
        }
        return try Tokenizer.shared(encoding)
    }

    /// Token ids of `text` for an OpenAI model (ordinary encoding).
    public func encode(_ text: String, model: String) throws -> [Int] {
        try tokenizer(forModel: model).encodeOrdinary(text)
    }

    /// Text of token ids for an OpenAI model.
    public func decode(_ tokens: [Int], model: String) throws -> String {
        try tokenizer(forModel: model).decode(tokens)
    }

    /// Tokens of a plain text. Exact counts are returned as is; estimates are calibrated.
    public func count(_ text: String, model: String) throws -> TokenCount {
        let info = catalog.info(for: model)
        if let encoding = info.tokenizer.exactEncoding {
            let exact = try Tokenizer.shared(encoding).count(text)
            return TokenCount(tokens: exact, uncalibrated: exact, isExact: true, model: info)
        }
        let estimate = try estimator.estimate(text, family: info.tokenizer)
        return TokenCount(
            tokens: calibration.adjusted(estimate, model: info.id), uncalibrated: estimate, isExact: false, model: info)
    }

    /// Tokens of a whole chat request as the provider counts `prompt_tokens` (see ``ChatFormat``).
    /// Calibration applies to both kinds (never lowering an exact count).
    public func count(messages: [ChatMessage], model: String) throws -> TokenCount {
        let info = catalog.info(for: model)
        let raw: Int
        if let encoding = info.tokenizer.exactEncoding {
            raw = try Tokenizer.shared(encoding).countChat(messages, format: info.chatFormat)
        } else {
            let format = info.chatFormat
            var total = format.replyPriming
            for message in messages {
                total += format.tokensPerMessage + (try estimator.estimate(message.role, family: info.tokenizer))
                total += try estimator.estimate(message.content, family: info.tokenizer)
                if let name = message.name {
                    total += format.tokensPerName + (try estimator.estimate(name, family: info.tokenizer))
                }
            }
            raw = total
        }
        let adjusted = max(calibration.adjusted(raw, model: info.id), info.isExact ? raw : 0)
        return TokenCount(tokens: adjusted, uncalibrated: raw, isExact: info.isExact, model: info)
    }

    /// Feeds back a provider's reported usage for a request counted with `uncalibrated` tokens.
    public mutating func recordUsage(model: String, estimated: Int, actual: Int) {
        let info = catalog.info(for: model)
        calibration.record(model: info.id, estimated: estimated, actual: actual, isExact: info.isExact)
    }
}
