/// Summary statistics of a list of counts, as the cookbook prints them (percentiles
/// interpolated linearly, like NumPy's default).
public struct Distribution: Hashable, Sendable, Codable {
    /// The smallest value.
    public let min: Int
    /// The largest value.
    public let max: Int
    /// The arithmetic mean.
    public let mean: Double
    /// The median (50th percentile).
    public let median: Double
    /// 10th percentile.
    public let p10: Double
    /// 90th percentile.
    public let p90: Double

    /// The statistics of `values`, or `nil` for an empty list.
    public init?(_ values: [Int]) {
        guard let first = values.min(), let last = values.max() else { return nil }
        let sorted = values.sorted()
        min = first
        max = last
        mean = Double(values.reduce(0, +)) / Double(values.count)
        median = Self.quantile(sorted, 0.5)
        p10 = Self.quantile(sorted, 0.1)
        p90 = Self.quantile(sorted, 0.9)
    }

    /// The `q` quantile of sorted values, linearly interpolated.
    static func quantile(_ sorted: [Int], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return Double(sorted[lower]) + (Double(sorted[upper]) - Double(sorted[lower])) * fraction
    }
}

/// Token statistics of a file's valid examples (cookbook: messages, total tokens and assistant
/// tokens per example).
public struct DatasetStatistics: Hashable, Sendable, Codable {
    /// Messages per example.
    public let messages: Distribution?
    /// Tokens per example, counted as the provider counts a chat request.
    public let totalTokens: Distribution?
    /// Tokens of the assistant replies per example.
    public let assistantTokens: Distribution?
    /// All tokens of all examples.
    public let tokens: Int
    /// Whether the counts are exact (the model's tokenizer) or estimated.
    public let exact: Bool
}

/// The cookbook's cost estimate: epochs and billed tokens.
public struct BillingEstimate: Hashable, Sendable, Codable {
    /// Training epochs.
    public let epochs: Int
    /// Where ``epochs`` came from: `given`, `openai-default` (3, adjusted for small or large
    /// files as OpenAI does) or `assumed` (3).
    public let epochsSource: String
    /// Tokens billed for one epoch: Σ min(limit, tokens of the example).
    public let tokensPerEpoch: Int
    /// Tokens billed in all: epochs × tokens per epoch.
    public let billedTokens: Int

    /// The estimate for examples of `tokens` each, with OpenAI's default epochs unless `epochs` is given.
    ///
    /// OpenAI's rule: 3 epochs; if n × 3 < 100, min(25, 100 / n); if n × 3 > 25,000, max(1, 25,000 / n).
    public init(tokens: [Int], limit: Int, epochs given: Int?, platform: FineTuningTarget.Platform) {
        let count = tokens.count
        if let given {
            epochs = given
            epochsSource = "given"
        } else if platform == .openAI {
            var value = 3
            if count > 0 && count * 3 < 100 { value = Swift.min(25, 100 / count) }
            if count * 3 > 25_000 { value = Swift.max(1, 25_000 / count) }
            epochs = value
            epochsSource = "openai-default"
        } else {
            epochs = 3
            epochsSource = "assumed"
        }
        tokensPerEpoch = tokens.reduce(0) { $0 + Swift.min(limit, $1) }
        billedTokens = epochs * tokensPerEpoch
    }
}
