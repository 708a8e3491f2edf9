/// Training settings; `nil` leaves the choice to the provider ("auto").
///
/// OpenAI: `n_epochs` 1–50, `batch_size` 1–256, `learning_rate_multiplier` > 0.
/// Vertex: `epochCount`, `learningRateMultiplier`, `adapterSize` (1, 2, 4, 8, 16, 32); no batch size.
public struct TuningHyperparameters: Sendable, Hashable, Codable {
    /// Passes over the training data.
    public var epochs: Int?
    /// Scales the provider's default learning rate.
    public var learningRateMultiplier: Double?
    /// Examples per batch (OpenAI only).
    public var batchSize: Int?
    /// LoRA adapter size (Vertex only).
    public var adapterSize: Int?

    /// Creates hyperparameters.
    public init(
        epochs: Int? = nil, learningRateMultiplier: Double? = nil, batchSize: Int? = nil, adapterSize: Int? = nil
    ) {
        self.epochs = epochs
        self.learningRateMultiplier = learningRateMultiplier
        self.batchSize = batchSize
        self.adapterSize = adapterSize
    }

    /// Checks the ranges for `provider`.
    ///
    /// - Throws: ``TuningError`` (`invalidInput`) naming the bad value and the accepted range.
    public func validate(for provider: TuningProvider) throws(TuningError) {
        if let epochs, !(1...50).contains(epochs) {
            throw TuningError(.invalidInput, "--epochs must be between 1 and 50 (got \(epochs)).")
        }
        if let learningRateMultiplier, !(learningRateMultiplier > 0 && learningRateMultiplier.isFinite) {
            throw TuningError(
                .invalidInput, "--learning-rate-multiplier must be greater than 0 (got \(learningRateMultiplier)).")
        }
        switch provider {
        case .openAI:
            if let batchSize, !(1...256).contains(batchSize) {
                throw TuningError(.invalidInput, "--batch-size must be between 1 and 256 (got \(batchSize)).")
            }
            if adapterSize != nil {
                throw TuningError(.invalidInput, "--adapter-size is a Vertex setting; OpenAI does not accept it.")
            }
        case .vertex:
            if batchSize != nil {
                throw TuningError(.invalidInput, "Vertex tuning has no batch size setting; leave out --batch-size.")
            }
            if let adapterSize, VertexTuningClient.adapterSizeName(adapterSize) == nil {
                throw TuningError(.invalidInput, "--adapter-size must be 1, 2, 4, 8, 16 or 32 (got \(adapterSize)).")
            }
        case .anthropic:
            break
        }
    }
}
