/// What `mneme tune create` submits.
public struct TuningJobRequest: Sendable, Hashable {
    /// Where to train.
    public var provider: TuningProvider
    /// The model to tune (`gpt-4o-mini-2024-07-18`, `gemini-2.5-flash`).
    public var baseModel: String
    /// A local JSONL file (OpenAI: uploaded first) or a `gs://` URI (Vertex).
    public var trainingFile: String
    /// The held-out file the provider computes validation loss on.
    public var validationFile: String?
    /// OpenAI: up to 64 characters in the model name; Vertex: the tuned model's display name.
    public var suffix: String?
    /// Training settings.
    public var hyperparameters: TuningHyperparameters
    /// OpenAI's `seed`, for reproducible jobs.
    public var seed: Int?

    /// Creates a request.
    public init(
        provider: TuningProvider, baseModel: String, trainingFile: String, validationFile: String? = nil,
        suffix: String? = nil, hyperparameters: TuningHyperparameters = TuningHyperparameters(), seed: Int? = nil
    ) {
        self.provider = provider
        self.baseModel = baseModel
        self.trainingFile = trainingFile
        self.validationFile = validationFile
        self.suffix = suffix
        self.hyperparameters = hyperparameters
        self.seed = seed
    }
}
