public import Foundation

/// A fine-tuning job as the store keeps it: what was submitted, and the last state polled from
/// the provider. Provider-neutral: JSON columns hold what MnemeTuning decodes (hyperparameters,
/// recent events, the loss series, provider details).
public struct TuningJobRecord: Hashable, Sendable, Codable {
    /// Row id (the local job number shown by `mneme tune list`).
    public let id: Int64
    /// `openai` or `vertex`.
    public let provider: String
    /// The provider's id: `ftjob-…`, or a Vertex resource name `projects/…/tuningJobs/…`.
    public let remoteID: String
    /// The model being tuned.
    public let baseModel: String
    /// The provider's status word as last polled (`running`, `JOB_STATE_SUCCEEDED`, …).
    public let status: String
    /// The training file as given (a local path or a `gs://` URI).
    public let trainingFile: String
    /// The validation file as given, if any.
    public let validationFile: String?
    /// The uploaded training file's id (`file-…`) or URI.
    public let remoteTrainingFile: String?
    /// The uploaded validation file's id or URI.
    public let remoteValidationFile: String?
    /// The model name suffix (OpenAI) or display name (Vertex).
    public let suffix: String?
    /// The hyperparameters as sent (JSON object).
    public let hyperparameters: String
    /// The tuned model once the job succeeded (`ft:…`, or a Vertex endpoint).
    public let fineTunedModel: String?
    /// Tokens the provider reports as trained (billed).
    public let trainedTokens: Int?
    /// Mneme's estimate of the billed training tokens (file tokens × epochs).
    public let estimatedTokens: Int?
    /// The provider's error, for failed jobs.
    public let error: String?
    /// Recent events (JSON array).
    public let events: String
    /// Training and validation loss per step (JSON array).
    public let metrics: String
    /// Other provider details (JSON object).
    public let details: String
    public let createdAt: Date
    public let updatedAt: Date
    public let finishedAt: Date?
}

/// A job just created on the provider, to record with ``Store/insertTuningJob(_:tenantID:)``.
public struct NewTuningJob: Sendable {
    public var provider: String
    public var remoteID: String
    public var baseModel: String
    public var status: String
    public var trainingFile: String
    public var validationFile: String?
    public var remoteTrainingFile: String?
    public var remoteValidationFile: String?
    public var suffix: String?
    /// JSON object.
    public var hyperparameters: String
    public var estimatedTokens: Int?

    /// Creates a new job record.
    public init(
        provider: String, remoteID: String, baseModel: String, status: String, trainingFile: String,
        validationFile: String? = nil, remoteTrainingFile: String? = nil, remoteValidationFile: String? = nil,
        suffix: String? = nil, hyperparameters: String = "{}", estimatedTokens: Int? = nil
    ) {
        self.provider = provider
        self.remoteID = remoteID
        self.baseModel = baseModel
        self.status = status
        self.trainingFile = trainingFile
        self.validationFile = validationFile
        self.remoteTrainingFile = remoteTrainingFile
        self.remoteValidationFile = remoteValidationFile
        self.suffix = suffix
        self.hyperparameters = hyperparameters
        self.estimatedTokens = estimatedTokens
    }
}

/// What a poll learned about a job; `nil` fields keep the stored value.
public struct TuningJobUpdate: Sendable {
    public var status: String?
    public var fineTunedModel: String?
    public var trainedTokens: Int?
    public var error: String?
    /// JSON array.
    public var events: String?
    /// JSON array.
    public var metrics: String?
    /// JSON object.
    public var details: String?
    public var finishedAt: Date?

    /// Creates an update.
    public init(
        status: String? = nil, fineTunedModel: String? = nil, trainedTokens: Int? = nil, error: String? = nil,
        events: String? = nil, metrics: String? = nil, details: String? = nil, finishedAt: Date? = nil
    ) {
        self.status = status
        self.fineTunedModel = fineTunedModel
        self.trainedTokens = trainedTokens
        self.error = error
        self.events = events
        self.metrics = metrics
        self.details = details
        self.finishedAt = finishedAt
    }
}
