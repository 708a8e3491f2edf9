/// Prices per model in USD per million tokens, to report the cost of a turn.
///
/// Codable (from the config file):
/// ```toml
/// [prices."gpt-4o-mini"]
/// input = 0.15
/// output = 0.60
/// cachedInput = 0.075
/// training = 3.00      # fine-tuning, per million training tokens
/// ```
///
/// ```swift
/// let cost = table.cost(usage: usage, model: "gpt-4o-mini-2024-07-18")  // prefix match on "gpt-4o-mini"
/// ```
public struct PriceTable: Sendable, Hashable, Codable {
    /// The price of one model.
    public struct Price: Sendable, Hashable, Codable {
        /// USD per million input tokens.
        public var input: Double
        /// USD per million output tokens.
        public var output: Double
        /// USD per million cached input tokens; `nil` bills them as ordinary input.
        public var cachedInput: Double?
        /// USD per million training tokens when fine-tuning this model (the estimate `mneme tune status`
        /// shows); `nil` if unknown.
        public var training: Double?

        /// Creates a price.
        public init(input: Double, output: Double, cachedInput: Double? = nil, training: Double? = nil) {
            self.input = input
            self.output = output
            self.cachedInput = cachedInput
            self.training = training
        }
    }

    /// Prices by model id (exact ids, or prefixes such as `gpt-4o-mini`; `provider:model` keys also work).
    public var models: [String: Price]

    /// Creates a table.
    public init(models: [String: Price] = [:]) {
        self.models = models
    }

    /// Decodes a plain `{model: price}` map.
    public init(from decoder: any Decoder) throws {
        models = try decoder.singleValueContainer().decode([String: Price].self)
    }

    /// Encodes the plain map.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(models)
    }

    /// The price for `model`: an exact key, else the longest key that is a prefix of it. Fine-tuned OpenAI
    /// models (`ft:base:org:suffix:id`) need their own entry or an `ft:base` prefix entry (they cost more
    /// than the base model).
    public func price(for model: String) -> Price? {
        if let exact = models[model] { return exact }
        let candidates = models.keys.filter { model.hasPrefix($0) }
        guard let key = candidates.max(by: { $0.count < $1.count }) else { return nil }
        return models[key]
    }

    /// The cost in USD of `usage` on `model`, or `nil` if the model has no price.
    public func cost(usage: Usage, model: String) -> Double? {
        guard let price = price(for: model) else { return nil }
        let cached = min(usage.cachedTokens ?? 0, usage.promptTokens)
        let uncached = usage.promptTokens - cached
        let cachedRate = price.cachedInput ?? price.input
        return
            (Double(uncached) * price.input + Double(cached) * cachedRate + Double(usage.completionTokens)
            * price.output)
            / 1_000_000
    }
}
