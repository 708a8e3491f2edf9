public import Foundation

/// One event of a job as the provider reported it (OpenAI `fine_tuning.job.event`): a message,
/// or a metrics event carrying the step's training and validation loss.
public struct TuningEvent: Sendable, Hashable, Codable {
    /// The provider's event id.
    public var id: String
    /// When it happened.
    public var createdAt: Date
    /// `info`, `warn` or `error`.
    public var level: String
    /// The text.
    public var message: String
    /// The metrics of a `metrics` event.
    public var metrics: LossPoint?

    /// Creates an event.
    public init(id: String, createdAt: Date, level: String, message: String, metrics: LossPoint? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.level = level
        self.message = message
        self.metrics = metrics
    }
}

/// Losses at one training step: the overfitting signal (validation loss rising while training
/// loss keeps falling).
public struct LossPoint: Sendable, Hashable, Codable {
    /// The step (1-based).
    public var step: Int
    /// Training loss of the step's batch.
    public var trainLoss: Double?
    /// Validation loss, when the job has a validation file and the provider computed it at this step.
    public var validLoss: Double?
    /// Total steps of the job, when reported.
    public var totalSteps: Int?

    /// Creates a point.
    public init(step: Int, trainLoss: Double? = nil, validLoss: Double? = nil, totalSteps: Int? = nil) {
        self.step = step
        self.trainLoss = trainLoss
        self.validLoss = validLoss
        self.totalSteps = totalSteps
    }

    /// Merges `new` points into `existing` by step (a later value for a step wins), sorted by step.
    public static func merge(_ existing: [LossPoint], _ new: [LossPoint]) -> [LossPoint] {
        var byStep: [Int: LossPoint] = [:]
        for point in existing + new {
            var merged = byStep[point.step] ?? LossPoint(step: point.step)
            merged.trainLoss = point.trainLoss ?? merged.trainLoss
            merged.validLoss = point.validLoss ?? merged.validLoss
            merged.totalSteps = point.totalSteps ?? merged.totalSteps
            byStep[point.step] = merged
        }
        return byStep.values.sorted { $0.step < $1.step }
    }
}

/// A checkpoint of an OpenAI job: a usable model at one step, with its metrics.
public struct TuningCheckpoint: Sendable, Hashable, Codable {
    /// The checkpoint's id.
    public var id: String
    /// The model id (`ft:…:ckpt-step-N`), usable as a route target.
    public var model: String
    /// The step.
    public var step: Int
    /// The losses at that step (`valid_loss`, or `full_valid_loss` over the whole validation file).
    public var metrics: LossPoint
    /// The loss over the whole validation file, when reported.
    public var fullValidLoss: Double?
    /// When it was written.
    public var createdAt: Date

    /// Creates a checkpoint.
    public init(id: String, model: String, step: Int, metrics: LossPoint, fullValidLoss: Double?, createdAt: Date) {
        self.id = id
        self.model = model
        self.step = step
        self.metrics = metrics
        self.fullValidLoss = fullValidLoss
        self.createdAt = createdAt
    }
}
