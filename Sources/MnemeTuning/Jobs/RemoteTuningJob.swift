public import Foundation

/// A job as the provider reported it on the last call (create, get, list or cancel).
public struct RemoteTuningJob: Sendable, Hashable {
    /// The provider.
    public var provider: TuningProvider
    /// `ftjob-…` (OpenAI) or `projects/…/locations/…/tuningJobs/…` (Vertex).
    public var id: String
    /// The model being tuned.
    public var baseModel: String
    /// The provider's status word, verbatim.
    public var rawStatus: String
    /// The status in Mneme's words.
    public var status: TuningStatus
    /// The tuned model: `ft:…` (OpenAI) or the endpoint `projects/…/endpoints/…` (Vertex), once succeeded.
    public var fineTunedModel: String?
    /// Billed training tokens (OpenAI `trained_tokens`).
    public var trainedTokens: Int?
    /// The provider's error message, for failed jobs.
    public var error: String?
    /// When the job was created.
    public var createdAt: Date?
    /// When it ended.
    public var finishedAt: Date?
    /// The provider's estimate of the end (OpenAI `estimated_finish`).
    public var estimatedFinish: Date?
    /// The training file id or URI.
    public var trainingFile: String?
    /// The validation file id or URI.
    public var validationFile: String?
    /// Other facts worth showing (Vertex: `tunedModel.model`, `experiment`, dataset statistics).
    public var details: [String: String]

    /// Creates a snapshot.
    public init(
        provider: TuningProvider, id: String, baseModel: String, rawStatus: String, status: TuningStatus,
        fineTunedModel: String? = nil, trainedTokens: Int? = nil, error: String? = nil, createdAt: Date? = nil,
        finishedAt: Date? = nil, estimatedFinish: Date? = nil, trainingFile: String? = nil,
        validationFile: String? = nil, details: [String: String] = [:]
    ) {
        self.provider = provider
        self.id = id
        self.baseModel = baseModel
        self.rawStatus = rawStatus
        self.status = status
        self.fineTunedModel = fineTunedModel
        self.trainedTokens = trainedTokens
        self.error = error
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.estimatedFinish = estimatedFinish
        self.trainingFile = trainingFile
        self.validationFile = validationFile
        self.details = details
    }
}
