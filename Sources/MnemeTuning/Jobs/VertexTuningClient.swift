public import MnemeHTTP
public import MnemeProviders

/// Vertex AI supervised tuning: create a job from Cloud Storage URIs, get, list, cancel.
///
/// ```swift
/// let vertex = try VertexTuningClient(environment: .process(), http: http)
/// let job = try await vertex.createJob(
///     baseModel: "gemini-2.5-flash", trainingURI: "gs://bucket/train.jsonl", validationURI: nil,
///     displayName: "support")
/// ```
///
/// Vertex reads training data only from Cloud Storage; local files must be uploaded first
/// (``uploadInstructions(for:)`` says how). The job resource reports no loss curve: Vertex writes
/// the metrics to the job's Vertex AI Experiment, named in the job's details.
public struct VertexTuningClient: Sendable {
    /// Where requests go.
    public struct Configuration: Sendable {
        /// `GOOGLE_CLOUD_PROJECT`.
        public var project: String
        /// `GOOGLE_CLOUD_LOCATION` (default `us-central1`).
        public var location: String
        /// The OAuth2 token source.
        public var credentials: AccessTokenSource
        /// Overrides the host (`GOOGLE_VERTEX_BASE_URL`), for example a loopback stub.
        public var baseURL: String?
        /// The API version path segment (default `v1`).
        public var apiVersion: String

        /// Creates a configuration.
        public init(
            project: String, location: String = "us-central1", credentials: AccessTokenSource, baseURL: String? = nil,
            apiVersion: String = "v1"
        ) {
            self.project = project
            self.location = location
            self.credentials = credentials
            self.baseURL = baseURL?.withoutTrailingSlashes
            self.apiVersion = apiVersion
        }

        /// `https://{location}-aiplatform.googleapis.com/{version}` (or the override).
        var root: String {
            let host =
                baseURL
                ?? (location == "global"
                    ? "https://aiplatform.googleapis.com" : "https://\(location)-aiplatform.googleapis.com")
            return "\(host)/\(apiVersion)"
        }

        /// `projects/{p}/locations/{l}`.
        var parent: String { "projects/\(project)/locations/\(location)" }
    }

    /// The settings.
    public let configuration: Configuration
    private let transport: JobTransport

    /// Creates a client.
    public init(configuration: Configuration, http: HTTPClient) {
        self.configuration = configuration
        transport = JobTransport(
            http: http, provider: "vertex", credentialHint: "GOOGLE_OAUTH_ACCESS_TOKEN or `gcloud auth login`")
    }

    /// Creates a client from `GOOGLE_CLOUD_PROJECT`, `GOOGLE_CLOUD_LOCATION`, `GOOGLE_VERTEX_BASE_URL` and
    /// `GOOGLE_OAUTH_ACCESS_TOKEN` (else `gcloud auth print-access-token`).
    ///
    /// - Throws: ``TuningError`` (`configuration`) without a project.
    public init(environment: ProviderEnvironment, http: HTTPClient) throws(TuningError) {
        guard let project = environment.vertexProject else {
            throw TuningError(.configuration, "Vertex tuning needs GOOGLE_CLOUD_PROJECT (and GOOGLE_CLOUD_LOCATION).")
        }
        self.init(
            configuration: Configuration(
                project: project, location: environment.vertexLocation ?? "us-central1",
                credentials: environment.vertexAccessToken.map(AccessTokenSource.token) ?? .gcloud(),
                baseURL: environment.vertexBaseURL),
            http: http)
    }

    /// `ADAPTER_SIZE_…` for a size, or `nil` for an unsupported one.
    public static func adapterSizeName(_ size: Int) -> String? {
        [1: "ONE", 2: "TWO", 4: "FOUR", 8: "EIGHT", 16: "SIXTEEN", 32: "THIRTY_TWO"][size].map { "ADAPTER_SIZE_\($0)" }
    }

    /// What to run to put a local file into Cloud Storage, and the command to use afterwards.
    public static func uploadInstructions(for paths: [String]) -> String {
        let copies = paths.map { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return "  gcloud storage cp \(path) gs://YOUR_BUCKET/mneme/\(name)"
        }
        return """
            Vertex AI reads tuning data from Cloud Storage only; upload the files first:
            \(copies.joined(separator: "\n"))
            then pass the gs:// URIs: --train gs://YOUR_BUCKET/mneme/… [--validation gs://…].
            The files must be in Vertex's format ({"contents":[{"role":"user","parts":[{"text":…}]},…]}).
            """
    }

    /// Creates a supervised tuning job.
    ///
    /// - Throws: ``TuningError`` (`unsupported`) with upload instructions when a URI is not `gs://`.
    public func createJob(
        baseModel: String, trainingURI: String, validationURI: String? = nil, displayName: String? = nil,
        hyperparameters: TuningHyperparameters = TuningHyperparameters()
    ) async throws(TuningError) -> RemoteTuningJob {
        let local = [trainingURI, validationURI].compactMap { $0 }.filter { !$0.hasPrefix("gs://") }
        guard local.isEmpty else { throw TuningError(.unsupported, Self.uploadInstructions(for: local)) }
        try hyperparameters.validate(for: .vertex)
        typealias Create = VertexTuningWire.CreateJob
        let parameters =
            hyperparameters == TuningHyperparameters()
            ? nil
            : Create.HyperParameters(
                epochCount: hyperparameters.epochs, learningRateMultiplier: hyperparameters.learningRateMultiplier,
                adapterSize: hyperparameters.adapterSize.flatMap(Self.adapterSizeName))
        let payload = Create(
            baseModel: baseModel, tunedModelDisplayName: displayName,
            supervisedTuningSpec: Create.Spec(
                trainingDatasetUri: trainingURI, validationDatasetUri: validationURI, hyperParameters: parameters))
        var request = try await makeRequest(.post, "\(configuration.parent)/tuningJobs")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = JobTransport.encode(payload)
        return try await jobCall(request)
    }

    /// The job named `name` (`projects/…/tuningJobs/…`, or just its id in the configured project).
    public func job(_ name: String) async throws(TuningError) -> RemoteTuningJob {
        try await jobCall(try await makeRequest(.get, resourceName(name)))
    }

    /// Asks Vertex to cancel the job, then reads it back (Vertex answers the cancel with an empty body).
    public func cancel(_ name: String) async throws(TuningError) -> RemoteTuningJob {
        let request = try await makeRequest(.post, "\(resourceName(name)):cancel")
        _ = try await transport.send(request)
        return try await job(name)
    }

    /// One page of the project's tuning jobs in the location.
    public func jobs(pageToken: String? = nil, pageSize: Int = 50) async throws(TuningError) -> (
        jobs: [RemoteTuningJob], nextPageToken: String?
    ) {
        var path = "\(configuration.parent)/tuningJobs?pageSize=\(max(1, pageSize))"
        if let pageToken { path += "&pageToken=\(pageToken.urlComponentEncoded)" }
        let body = try await transport.send(try await makeRequest(.get, path))
        let list = try transport.decode(VertexTuningWire.JobList.self, from: body, what: "job list")
        let token = list.nextPageToken.flatMap { $0.isEmpty ? nil : $0 }
        return ((list.tuningJobs ?? []).map(\.remote), token)
    }

    private func resourceName(_ name: String) -> String {
        name.hasPrefix("projects/") ? name : "\(configuration.parent)/tuningJobs/\(name)"
    }

    private func jobCall(_ request: HTTPRequest) async throws(TuningError) -> RemoteTuningJob {
        let body = try await transport.send(request)
        return try transport.decode(VertexTuningWire.Job.self, from: body, what: "tuning job").remote
    }

    private func makeRequest(_ method: HTTPMethod, _ path: String) async throws(TuningError) -> HTTPRequest {
        let token: Secret
        do {
            token = try await configuration.credentials.token()
        } catch {
            throw TuningError(.configuration, "vertex: no access token (\(error))")
        }
        var request = HTTPRequest(method: method, url: "\(configuration.root)/\(path)")
        request.headers.add(name: "Authorization", value: "Bearer \(token.revealed)")
        request.timeout = .seconds(300)
        return request
    }
}
