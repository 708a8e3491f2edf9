import Foundation
public import MnemeHTTP
public import MnemeProviders
public import MnemeStore

/// Fine-tuning jobs of one tenant: create on OpenAI or Vertex (Anthropic explains the
/// alternatives), poll and record progress, events, checkpoints and losses in the store, cancel,
/// and register the tuned model as a route with its base model as fallback.
///
/// ```swift
/// let jobs = TuningJobs(store: store, tenant: "acme", environment: .process(), http: http)
/// var job = try await jobs.create(
///     TuningJobRequest(provider: .openAI, baseModel: "gpt-4o-mini-2024-07-18", trainingFile: "train.jsonl",
///                      validationFile: "val.jsonl", suffix: "support"))
/// job = try await jobs.refresh(String(job.id))        // status, events, loss
/// if job.status == .succeeded { try await jobs.register(String(job.id), route: "support-tuned") }
/// ```
public struct TuningJobs: Sendable {
    /// The store jobs are recorded in.
    public let store: Store
    /// The tenant's name.
    public let tenant: String
    /// Keys and base URLs.
    public let environment: ProviderEnvironment
    /// The transport.
    public let http: HTTPClient
    /// Prices for cost estimates (the `training` price per model).
    public var prices: PriceTable
    /// How many recent events a job keeps in the store.
    public static let keptEvents = 50

    /// Creates the jobs of `tenant`.
    public init(
        store: Store, tenant: String, environment: ProviderEnvironment, http: HTTPClient,
        prices: PriceTable = PriceTable()
    ) {
        self.store = store
        self.tenant = tenant
        self.environment = environment
        self.http = http
        self.prices = prices
    }

    func tenantID() async throws -> Int64 {
        try await store.ensureTenant(tenant).id
    }

    /// The stored job `reference`: a local id, the provider's id, or the last segment of a Vertex name.
    ///
    /// - Throws: ``TuningError`` (`notFound`).
    public func job(_ reference: String) async throws -> TuningJob {
        let tenantID = try await tenantID()
        if let id = Int64(reference), let record = try await store.tuningJob(id, tenantID: tenantID) {
            return TuningJob(record: record)
        }
        if let record = try await store.tuningJob(remoteID: reference, tenantID: tenantID) {
            return TuningJob(record: record)
        }
        if let record = try await store.tuningJobs(tenantID: tenantID).first(where: {
            $0.remoteID.hasSuffix("/" + reference)
        }) {
            return TuningJob(record: record)
        }
        throw TuningError(.notFound, "Tenant \(tenant) has no tuning job '\(reference)' (see `mneme tune list`).")
    }

    /// The tenant's recorded jobs, newest first.
    public func jobs() async throws -> [TuningJob] {
        try await store.tuningJobs(tenantID: tenantID()).map(TuningJob.init(record:))
    }

    /// The jobs the provider lists for the account or project (first page of up to `limit`).
    public func remoteJobs(_ provider: TuningProvider, limit: Int = 20) async throws -> [RemoteTuningJob] {
        switch provider {
        case .openAI: return try await openAI().jobs(limit: limit).jobs
        case .vertex: return try await vertex().jobs(pageSize: limit).jobs
        case .anthropic: throw TuningError(.unsupported, TuningProvider.anthropicAlternatives)
        }
    }

    /// Asks the provider to cancel the job and records the answer.
    public func cancel(_ reference: String) async throws -> TuningJob {
        let job = try await job(reference)
        let remote: RemoteTuningJob
        switch job.provider {
        case .openAI: remote = try await openAI().cancel(job.remoteID)
        case .vertex: remote = try await vertex().cancel(job.remoteID)
        case .anthropic: throw TuningError(.unsupported, TuningProvider.anthropicAlternatives)
        }
        return try await record(remote, for: job, newEvents: [])
    }

    /// All events of the job from the provider, oldest first (OpenAI only; Vertex reports none).
    public func events(_ reference: String) async throws -> [TuningEvent] {
        let job = try await job(reference)
        guard job.provider == .openAI else { throw vertexHasNoEvents(job) }
        return try await openAI().newEvents(job.remoteID, known: []).reversed()
    }

    /// The job's checkpoints, oldest first (OpenAI only).
    public func checkpoints(_ reference: String) async throws -> [TuningCheckpoint] {
        let job = try await job(reference)
        guard job.provider == .openAI else { throw vertexHasNoEvents(job) }
        let client = try openAI()
        var result: [TuningCheckpoint] = []
        var after: String?
        while true {
            let page = try await client.checkpoints(job.remoteID, after: after, limit: 100)
            result += page.checkpoints
            guard page.hasMore, let last = page.checkpoints.last else { break }
            after = last.id
        }
        return result.sorted { $0.step < $1.step }
    }

    func vertexHasNoEvents(_ job: TuningJob) -> TuningError {
        let experiment = job.details["experiment"].map { " (experiment \($0))" } ?? ""
        return TuningError(
            .unsupported,
            "Vertex AI reports no events or checkpoints through the tuning job API; its training metrics are in "
                + "the job's Vertex AI Experiment\(experiment), shown on the job's page in the Google Cloud console.")
    }

    func openAI() throws(TuningError) -> OpenAIFineTuningClient {
        try OpenAIFineTuningClient(environment: environment, http: http)
    }

    func vertex() throws(TuningError) -> VertexTuningClient {
        try VertexTuningClient(environment: environment, http: http)
    }
}
