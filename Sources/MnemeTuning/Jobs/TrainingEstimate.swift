import Foundation
public import MnemeProviders
import MnemeTokenizer

/// What a training file will cost before the provider reports it: tokens per example (the chat
/// counting rules of the OpenAI cookbook), the epochs the provider will choose when left on
/// `auto`, and the billed tokens ≈ epochs × Σ tokens.
public struct TrainingEstimate: Sendable, Hashable, Codable {
    /// Examples (non-empty lines) in the file.
    public var examples: Int
    /// Σ tokens over the examples (an estimate for models whose tokenizer is not public).
    public var tokens: Int
    /// The epochs used: the given ones, else OpenAI's `auto` rule.
    public var epochs: Int
    /// epochs × tokens.
    public var billedTokens: Int { epochs * tokens }

    /// Creates an estimate.
    public init(examples: Int, tokens: Int, epochs: Int) {
        self.examples = examples
        self.tokens = tokens
        self.epochs = epochs
    }

    /// The epochs OpenAI picks for `n` examples on `auto` (cookbook): 3, raised to min(25, 100/n) when
    /// 3n < 100, lowered to max(1, 25000/n) when 3n > 25000.
    public static func defaultEpochs(examples n: Int) -> Int {
        guard n > 0 else { return 3 }
        if n * 3 < 100 { return min(25, 100 / n) }
        if n * 3 > 25_000 { return max(1, 25_000 / n) }
        return 3
    }

    /// Reads a local JSONL training file and counts its tokens for `model`.
    ///
    /// - Throws: ``TuningError`` (`invalidInput`) if the file cannot be read or a line is not a
    ///   conversation (with its line number).
    public static func estimate(fileAt path: String, model: String, epochs: Int?) throws(TuningError)
        -> TrainingEstimate
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TuningError(.invalidInput, "\(path): no such file, or it cannot be read.")
        }
        let counter = TokenCounter()
        var tokens = 0
        var examples = 0
        for (number, line) in ChatJSONL.lines(String(decoding: data, as: UTF8.self)) {
            switch ChatJSONL.conversation(line) {
            case .failure(let problem):
                throw TuningError(.invalidInput, "\(path):\(number): the line \(problem.message).")
            case .success(let messages):
                let chat = messages.map { ChatMessage(role: $0.role, content: $0.text) }
                tokens += (try? counter.count(messages: chat, model: model).tokens) ?? 0
                examples += 1
            }
        }
        return TrainingEstimate(examples: examples, tokens: tokens, epochs: epochs ?? defaultEpochs(examples: examples))
    }

    /// The cost in USD of `tokens` training tokens on `model`, from the price table's `training` price.
    public static func cost(trainingTokens tokens: Int, model: String, prices: PriceTable) -> Double? {
        guard let price = prices.price(for: model)?.training else { return nil }
        return Double(tokens) * price / 1_000_000
    }
}
