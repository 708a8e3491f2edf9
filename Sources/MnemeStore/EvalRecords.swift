public import Foundation

/// One evaluation: a held-out data file run through a list of models.
public struct EvalRunRecord: Hashable, Sendable, Codable {
    public let id: Int64
    /// The data file as given.
    public let dataPath: String
    /// A hash of the data file's bytes, so a rerun on the same file resumes this run.
    public let dataHash: String
    /// The models as given (`base`, `tuned`, route names or `provider:model`), in order.
    public let models: [String]
    /// The judge model, if the LLM-as-judge mode is on.
    public let judge: String?
    /// Other settings (JSON object).
    public let settings: String
    /// Examples in the data file.
    public let exampleCount: Int
    public let createdAt: Date
    public let updatedAt: Date
}

/// The output of one model for one example of an ``EvalRunRecord``.
public struct EvalOutputRecord: Hashable, Sendable, Codable {
    /// The model as given in the run's list.
    public var model: String
    /// The example's position in the data file (0-based).
    public var exampleIndex: Int
    /// The `provider:model` the name resolved to.
    public var target: String
    /// The generated text (empty for failures).
    public var output: String
    /// Whether the call succeeded.
    public var succeeded: Bool
    /// The error, for failures (never secrets).
    public var error: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var latencyMilliseconds: Int?
    /// USD, if the model has a price.
    public var cost: Double?
    /// The judge's score, if judged.
    public var judgeScore: Double?
    /// The judge's reason, if judged.
    public var judgeReason: String?

    /// Creates an output.
    public init(
        model: String, exampleIndex: Int, target: String, output: String, succeeded: Bool, error: String? = nil,
        promptTokens: Int? = nil, completionTokens: Int? = nil, latencyMilliseconds: Int? = nil, cost: Double? = nil,
        judgeScore: Double? = nil, judgeReason: String? = nil
    ) {
        self.model = model
        self.exampleIndex = exampleIndex
        self.target = target
        self.output = output
        self.succeeded = succeeded
        self.error = error
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencyMilliseconds = latencyMilliseconds
        self.cost = cost
        self.judgeScore = judgeScore
        self.judgeReason = judgeReason
    }
}
