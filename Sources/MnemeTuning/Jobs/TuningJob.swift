public import Foundation
public import MnemeProviders
public import MnemeStore

/// A fine-tuning job as Mneme knows it: what was submitted and what the provider last reported
/// (status, recent events, the loss series), decoded from its ``TuningJobRecord``.
public struct TuningJob: Sendable, Hashable {
    /// The local id (what `mneme tune status 3` takes).
    public var id: Int64
    /// The provider.
    public var provider: TuningProvider
    /// The provider's id.
    public var remoteID: String
    /// The model being tuned.
    public var baseModel: String
    /// The provider's status word.
    public var rawStatus: String
    /// The status in Mneme's words.
    public var status: TuningStatus
    /// The training file as given.
    public var trainingFile: String
    /// The validation file as given.
    public var validationFile: String?
    /// The suffix (OpenAI) or display name (Vertex).
    public var suffix: String?
    /// The hyperparameters as sent.
    public var hyperparameters: TuningHyperparameters
    /// The tuned model, once succeeded.
    public var fineTunedModel: String?
    /// Billed tokens as reported.
    public var trainedTokens: Int?
    /// Mneme's estimate of the billed tokens.
    public var estimatedTokens: Int?
    /// The provider's error.
    public var error: String?
    /// Recent events, oldest first.
    public var events: [TuningEvent]
    /// Loss per step, by step.
    public var loss: [LossPoint]
    /// Provider details (Vertex experiment, tuned model resource, dataset statistics; OpenAI epochs…).
    public var details: [String: String]
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    /// Decodes a stored record.
    public init(record: TuningJobRecord) {
        let provider = TuningProvider(rawValue: record.provider) ?? .openAI
        id = record.id
        self.provider = provider
        remoteID = record.remoteID
        baseModel = record.baseModel
        rawStatus = record.status
        status = TuningStatus(provider: provider, raw: record.status)
        trainingFile = record.trainingFile
        validationFile = record.validationFile
        suffix = record.suffix
        hyperparameters =
            StoredJSON.decode(TuningHyperparameters.self, record.hyperparameters) ?? TuningHyperparameters()
        fineTunedModel = record.fineTunedModel
        trainedTokens = record.trainedTokens
        estimatedTokens = record.estimatedTokens
        error = record.error
        events = StoredJSON.decode([TuningEvent].self, record.events) ?? []
        loss = StoredJSON.decode([LossPoint].self, record.metrics) ?? []
        details = StoredJSON.decode([String: String].self, record.details) ?? [:]
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        finishedAt = record.finishedAt
    }

    /// The last step reported and the total, when known.
    public var progress: (step: Int, total: Int?)? {
        guard let last = loss.last else { return nil }
        return (last.step, loss.compactMap(\.totalSteps).last)
    }

    /// The tuned model as a route target (`openai:ft:…`, `vertex:projects/…/endpoints/…`).
    public var target: ModelTarget? {
        fineTunedModel.map { ModelTarget(provider: provider.rawValue, model: $0) }
    }

    /// `base` and `tuned` for `mneme eval --models base,tuned` (only `base` before the job succeeded).
    public var evaluationAliases: [String: ModelTarget] {
        var aliases = ["base": ModelTarget(provider: provider.rawValue, model: baseModel)]
        aliases["tuned"] = target
        return aliases
    }

    /// The training cost in USD from the price table's `training` price: on the reported trained
    /// tokens when there are some, else on Mneme's estimate. `basis` says which.
    public func estimatedCost(prices: PriceTable) -> (usd: Double, basis: String)? {
        if let trainedTokens,
            let cost = TrainingEstimate.cost(trainingTokens: trainedTokens, model: baseModel, prices: prices)
        {
            return (cost, "\(trainedTokens) trained tokens reported")
        }
        if let estimatedTokens,
            let cost = TrainingEstimate.cost(trainingTokens: estimatedTokens, model: baseModel, prices: prices)
        {
            return (cost, "estimate: \(estimatedTokens) tokens (file tokens × epochs)")
        }
        return nil
    }
}

/// JSON in the store's TEXT columns.
enum StoredJSON {
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try? decoder.decode(type, from: Data(text.utf8))
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
