/// A job's state, the same words for every provider.
public enum TuningStatus: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The provider is checking the files (OpenAI `validating_files`).
    case validatingFiles = "validating_files"
    /// Waiting for capacity (OpenAI `queued`, Vertex `JOB_STATE_QUEUED`/`PENDING`).
    case queued
    /// Training.
    case running
    /// Paused (OpenAI pause endpoint, Vertex `JOB_STATE_PAUSED`).
    case paused
    /// Cancellation requested (Vertex `JOB_STATE_CANCELLING`).
    case cancelling
    /// Done: the tuned model exists (Vertex `PARTIALLY_SUCCEEDED` counts too).
    case succeeded
    /// Failed; see the job's error.
    case failed
    /// Cancelled.
    case cancelled
    /// Expired before it ran (Vertex `JOB_STATE_EXPIRED`).
    case expired
    /// A state this version does not know; treated as still running.
    case unknown

    /// Whether the job will not change any more.
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .cancelled, .expired: true
        default: false
        }
    }

    /// Maps an OpenAI `status`.
    public init(openAI status: String) {
        self = TuningStatus(rawValue: status) ?? .unknown
    }

    /// Maps a Vertex `state` (`JOB_STATE_…`).
    public init(vertex state: String) {
        switch state {
        case "JOB_STATE_QUEUED", "JOB_STATE_PENDING": self = .queued
        case "JOB_STATE_RUNNING", "JOB_STATE_UPDATING": self = .running
        case "JOB_STATE_SUCCEEDED", "JOB_STATE_PARTIALLY_SUCCEEDED": self = .succeeded
        case "JOB_STATE_FAILED": self = .failed
        case "JOB_STATE_CANCELLING": self = .cancelling
        case "JOB_STATE_CANCELLED": self = .cancelled
        case "JOB_STATE_PAUSED": self = .paused
        case "JOB_STATE_EXPIRED": self = .expired
        default: self = .unknown
        }
    }

    /// Maps a stored raw status of `provider`.
    public init(provider: TuningProvider, raw: String) {
        self = provider == .vertex ? TuningStatus(vertex: raw) : TuningStatus(openAI: raw)
    }

    public var description: String { rawValue }
}
