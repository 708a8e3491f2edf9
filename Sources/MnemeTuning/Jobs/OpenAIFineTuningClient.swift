import Foundation
public import MnemeHTTP
public import MnemeProviders

/// OpenAI's files and fine-tuning jobs API: upload (multipart, `purpose=fine-tune`), create with
/// hyperparameters, suffix and validation file, get, list, events, checkpoints, cancel.
///
/// ```swift
/// let client = try OpenAIFineTuningClient(environment: .process(), http: http)
/// let file = try await client.upload(fileAt: "train.jsonl")
/// let job = try await client.createJob(model: "gpt-4o-mini-2024-07-18", trainingFile: file.id, suffix: "support")
/// ```
public struct OpenAIFineTuningClient: Sendable {
    /// Where requests go.
    public struct Configuration: Sendable {
        /// Up to and including `/v1` (`OPENAI_BASE_URL`).
        public var baseURL: String
        /// The key (`OPENAI_API_KEY`).
        public var apiKey: Secret
        /// `OpenAI-Organization`, if set.
        public var organization: String?
        /// `OpenAI-Project`, if set.
        public var project: String?

        /// Creates a configuration.
        public init(
            baseURL: String = "https://api.openai.com/v1", apiKey: Secret, organization: String? = nil,
            project: String? = nil
        ) {
            self.baseURL = baseURL.withoutTrailingSlashes
            self.apiKey = apiKey
            self.organization = organization
            self.project = project
        }
    }

    /// A file stored on OpenAI.
    public struct UploadedFile: Sendable, Hashable {
        /// `file-…`.
        public var id: String
        /// Its size.
        public var bytes: Int?
        /// The name it was uploaded under.
        public var filename: String?
    }

    /// The largest file the files endpoint takes (larger ones need the Uploads API).
    public static let maxUploadBytes = 512 * 1024 * 1024

    /// The settings.
    public let configuration: Configuration
    private let transport: JobTransport

    /// Creates a client.
    public init(configuration: Configuration, http: HTTPClient) {
        self.configuration = configuration
        transport = JobTransport(http: http, provider: "openai", credentialHint: "OPENAI_API_KEY")
    }

    /// Creates a client from `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`.
    ///
    /// - Throws: ``TuningError`` (`configuration`) without a key.
    public init(environment: ProviderEnvironment, http: HTTPClient) throws(TuningError) {
        guard let key = environment.openAIKey else {
            throw TuningError(.configuration, "OpenAI fine-tuning needs OPENAI_API_KEY.")
        }
        self.init(
            configuration: Configuration(
                baseURL: environment.openAIBaseURL ?? "https://api.openai.com/v1", apiKey: key,
                organization: environment.openAIOrganization, project: environment.openAIProject),
            http: http)
    }

    /// Uploads a local JSONL file with `purpose` (default `fine-tune`).
    ///
    /// - Throws: ``TuningError`` (`invalidInput`) if the file cannot be read, does not end in `.jsonl`
    ///   or is over 512 MB; provider errors otherwise.
    public func upload(fileAt path: String, purpose: String = "fine-tune") async throws(TuningError) -> UploadedFile {
        let url = URL(fileURLWithPath: path)
        guard url.pathExtension.lowercased() == "jsonl" else {
            throw TuningError(.invalidInput, "\(path): OpenAI takes fine-tuning files ending in .jsonl.")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw TuningError(.invalidInput, "\(path): no such file.") }
        guard size <= Self.maxUploadBytes else {
            throw TuningError(
                .invalidInput, "\(path) is \(size / 1_048_576) MB; the files endpoint takes at most 512 MB.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TuningError(.invalidInput, "\(path) cannot be read.")
        }
        return try await upload(data: Array(data), filename: url.lastPathComponent, purpose: purpose)
    }

    /// Uploads `data` as a file named `filename`.
    public func upload(data: [UInt8], filename: String, purpose: String = "fine-tune") async throws(TuningError)
        -> UploadedFile
    {
        var form = MultipartForm(boundary: MultipartForm.randomBoundary())
        form.addField(name: "purpose", value: purpose)
        form.addFile(name: "file", filename: filename, contentType: "application/octet-stream", data: data)
        var request = makeRequest(.post, "/files")
        request.headers.add(name: "Content-Type", value: form.contentType)
        request.body = form.body
        let body = try await transport.send(request)
        let file = try transport.decode(OpenAIFineTuningWire.FileObject.self, from: body, what: "uploaded file")
        return UploadedFile(id: file.id, bytes: file.bytes, filename: file.filename)
    }

    /// Creates a supervised fine-tuning job (`method.type = supervised`; unset hyperparameters are `auto`).
    public func createJob(
        model: String, trainingFile: String, validationFile: String? = nil, suffix: String? = nil,
        hyperparameters: TuningHyperparameters = TuningHyperparameters(), seed: Int? = nil
    ) async throws(TuningError) -> RemoteTuningJob {
        if let suffix, !(1...64).contains(suffix.count) {
            throw TuningError(.invalidInput, "--suffix must be 1 to 64 characters (got \(suffix.count)).")
        }
        try hyperparameters.validate(for: .openAI)
        typealias Create = OpenAIFineTuningWire.CreateJob
        var values: [String: Create.Value] = [:]
        if let epochs = hyperparameters.epochs { values["n_epochs"] = .integer(epochs) }
        if let batch = hyperparameters.batchSize { values["batch_size"] = .integer(batch) }
        if let rate = hyperparameters.learningRateMultiplier { values["learning_rate_multiplier"] = .number(rate) }
        let payload = Create(
            model: model, trainingFile: trainingFile, validationFile: validationFile, suffix: suffix, seed: seed,
            method: Create.Method(supervised: Create.Method.Supervised(hyperparameters: values)))
        var request = makeRequest(.post, "/fine_tuning/jobs")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = JobTransport.encode(payload)
        return try await jobCall(request)
    }

    /// The job `id`.
    public func job(_ id: String) async throws(TuningError) -> RemoteTuningJob {
        try await jobCall(makeRequest(.get, "/fine_tuning/jobs/\(id.urlComponentEncoded)"))
    }

    /// Cancels the job `id`.
    public func cancel(_ id: String) async throws(TuningError) -> RemoteTuningJob {
        try await jobCall(makeRequest(.post, "/fine_tuning/jobs/\(id.urlComponentEncoded)/cancel"))
    }

    /// One page of the organization's jobs, newest first.
    public func jobs(after: String? = nil, limit: Int = 20) async throws(TuningError) -> (
        jobs: [RemoteTuningJob], hasMore: Bool
    ) {
        let page = try await page(
            OpenAIFineTuningWire.Job.self, path: "/fine_tuning/jobs", after: after, limit: limit, what: "job list")
        return (page.data.map(\.remote), page.hasMore ?? false)
    }

    /// One page of the job's events, newest first.
    public func events(_ id: String, after: String? = nil, limit: Int = 100) async throws(TuningError) -> (
        events: [TuningEvent], hasMore: Bool
    ) {
        let page = try await page(
            OpenAIFineTuningWire.Event.self, path: "/fine_tuning/jobs/\(id.urlComponentEncoded)/events", after: after,
            limit: limit, what: "events")
        let events = page.data.map { event in
            TuningEvent(
                id: event.id, createdAt: Date(timeIntervalSince1970: event.createdAt), level: event.level ?? "info",
                message: event.message ?? "", metrics: event.type == "metrics" ? event.data?.point() : nil)
        }
        return (events, page.hasMore ?? false)
    }

    /// The job's events newer than the first one in `known`, newest first (pages until it meets a known id;
    /// all events when `known` is empty).
    public func newEvents(_ id: String, known: Set<String>, pageSize: Int = 100) async throws(TuningError)
        -> [TuningEvent]
    {
        var result: [TuningEvent] = []
        var after: String?
        while true {
            let page = try await events(id, after: after, limit: pageSize)
            for event in page.events {
                if known.contains(event.id) { return result }
                result.append(event)
            }
            guard page.hasMore, let last = page.events.last else { return result }
            after = last.id
        }
    }

    /// One page of the job's checkpoints, newest first.
    public func checkpoints(_ id: String, after: String? = nil, limit: Int = 10) async throws(TuningError) -> (
        checkpoints: [TuningCheckpoint], hasMore: Bool
    ) {
        let page = try await page(
            OpenAIFineTuningWire.Checkpoint.self, path: "/fine_tuning/jobs/\(id.urlComponentEncoded)/checkpoints",
            after: after, limit: limit, what: "checkpoints")
        let checkpoints = page.data.map { checkpoint in
            TuningCheckpoint(
                id: checkpoint.id, model: checkpoint.fineTunedModelCheckpoint, step: checkpoint.stepNumber,
                metrics: checkpoint.metrics?.point(step: checkpoint.stepNumber)
                    ?? LossPoint(step: checkpoint.stepNumber),
                fullValidLoss: checkpoint.metrics?.fullValidLoss,
                createdAt: Date(timeIntervalSince1970: checkpoint.createdAt ?? 0))
        }
        return (checkpoints, page.hasMore ?? false)
    }

    private func page<Item: Decodable>(_ type: Item.Type, path: String, after: String?, limit: Int, what: String)
        async throws(TuningError) -> OpenAIFineTuningWire.Page<Item>
    {
        var query = "?limit=\(max(1, min(limit, 100)))"
        if let after { query += "&after=\(after.urlComponentEncoded)" }
        let body = try await transport.send(makeRequest(.get, path + query))
        return try transport.decode(OpenAIFineTuningWire.Page<Item>.self, from: body, what: what)
    }

    private func jobCall(_ request: HTTPRequest) async throws(TuningError) -> RemoteTuningJob {
        let body = try await transport.send(request)
        return try transport.decode(OpenAIFineTuningWire.Job.self, from: body, what: "fine-tuning job").remote
    }

    private func makeRequest(_ method: HTTPMethod, _ path: String) -> HTTPRequest {
        var request = HTTPRequest(method: method, url: configuration.baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey.revealed)")
        if let organization = configuration.organization {
            request.headers.add(name: "OpenAI-Organization", value: organization)
        }
        if let project = configuration.project { request.headers.add(name: "OpenAI-Project", value: project) }
        request.timeout = .seconds(600)
        return request
    }
}
