import Foundation
public import MnemeHTTPTesting

/// A loopback server speaking Vertex AI's `tuningJobs` resource (§7 of the wire-format notes) and
/// `generateContent` for the endpoints of the models it tunes.
///
/// - `POST /v1/projects/{p}/locations/{l}/tuningJobs` checks `baseModel` and that the dataset URIs
///   are `gs://`; the job starts `JOB_STATE_PENDING` and advances one state per
///   `GET /v1/{name}`: RUNNING (with `tuningDataStats`), then SUCCEEDED with
///   `tunedModel{model,endpoint}` and an `experiment`.
/// - `GET …/tuningJobs` lists; `POST /v1/{name}:cancel` answers `{}` and the job becomes CANCELLED.
/// - `POST /v1/{endpoint}:generateContent` (and `:streamGenerateContent`) answer through `chat` (as
///   ``GeminiStub``) for succeeded endpoints and publisher models; unknown endpoints get 404.
/// - Every request needs `Authorization: Bearer <token>`.
public final class VertexTuningStub: Sendable {
    struct Job {
        let id: String
        let location: String
        let baseModel: String
        let displayName: String?
        let training: String
        let validation: String?
        let createTime: String
        var state = "JOB_STATE_PENDING"
        var polls = 0
    }

    /// The underlying server.
    public let server: TestHTTPServer
    /// The token the stub accepts.
    public let token: String
    /// The project number the stub puts into resource names.
    public static let projectNumber = "123456789"
    private let jobs: StubState<[Job]>

    /// Starts a stub.
    public init(
        token: String = "ya29.stub-token",
        chat: @escaping @Sendable (RecordedRequest) -> StubReply = { _ in
            .text("stub answer")
        }
    ) throws {
        let jobs = StubState([Job]())
        self.jobs = jobs
        self.token = token
        server = try TestHTTPServer { request in
            Self.respond(to: request, jobs: jobs, token: token, chat: chat)
        }
    }

    /// `http://127.0.0.1:PORT` (`GOOGLE_VERTEX_BASE_URL`).
    public var baseURL: String { server.baseURL }
    /// The requests received.
    public var requests: [RecordedRequest] { server.requests }

    /// Stops the server.
    public func shutdown() { server.shutdown() }

    static func respond(
        to request: RecordedRequest, jobs: StubState<[Job]>, token: String, chat: (RecordedRequest) -> StubReply
    ) -> TestResponse {
        guard request.header("Authorization") == "Bearer \(token)" else {
            return GeminiStub.error(
                status: 401, statusName: "UNAUTHENTICATED", message: "Request had invalid authentication credentials.",
                retryDelay: nil)
        }
        let path = request.path
        if path.hasSuffix(":generateContent") || path.hasSuffix(":streamGenerateContent") {
            let resource = String(path.dropFirst("/v1/".count).split(separator: ":").first ?? "")
            if resource.contains("/endpoints/") {
                let known = jobs.withLock { $0.contains { endpoint(of: $0) == resource && $0.state == succeeded } }
                guard known else {
                    return GeminiStub.error(
                        status: 404, statusName: "NOT_FOUND", message: "Endpoint \(resource) not found.",
                        retryDelay: nil)
                }
            }
            return GeminiStub.respond(to: request, reply: chat)
        }
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count >= 6, segments[0] == "v1", segments[1] == "projects", segments[3] == "locations",
            segments[5].hasPrefix("tuningJobs")
        else { return notFound(path) }
        let location = segments[4]
        if segments.count == 6, request.method == "POST" { return create(request, location: location, jobs: jobs) }
        if segments.count == 6, request.method == "GET" {
            let list = jobs.withLock { $0.reversed().map { object($0) } }
            return StubJSON.json(["tuningJobs": list], status: 200)
        }
        guard segments.count == 7 else { return notFound(path) }
        let cancel = segments[6].hasSuffix(":cancel")
        let id = cancel ? String(segments[6].dropLast(":cancel".count)) : segments[6]
        return jobs.withLock { jobs -> TestResponse in
            guard let index = jobs.firstIndex(where: { $0.id == id }) else { return notFound(path) }
            if cancel, request.method == "POST" {
                if !["JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED"].contains(jobs[index].state) {
                    jobs[index].state = "JOB_STATE_CANCELLED"
                }
                return StubJSON.json([String: Any](), status: 200)
            }
            guard request.method == "GET" else { return notFound(path) }
            if jobs[index].state == "JOB_STATE_PENDING" {
                jobs[index].state = "JOB_STATE_RUNNING"
            } else if jobs[index].state == "JOB_STATE_RUNNING" {
                jobs[index].state = succeeded
            }
            jobs[index].polls += 1
            return StubJSON.json(object(jobs[index]), status: 200)
        }
    }

    private static let succeeded = "JOB_STATE_SUCCEEDED"

    private static func create(_ request: RecordedRequest, location: String, jobs: StubState<[Job]>) -> TestResponse {
        let body = StubJSON.object(request.body)
        func reject(_ message: String) -> TestResponse {
            GeminiStub.error(status: 400, statusName: "INVALID_ARGUMENT", message: message, retryDelay: nil)
        }
        guard let baseModel = body["baseModel"] as? String, !baseModel.isEmpty else {
            return reject("baseModel is required.")
        }
        let spec = body["supervisedTuningSpec"] as? [String: Any] ?? [:]
        guard let training = spec["trainingDatasetUri"] as? String, training.hasPrefix("gs://") else {
            return reject("supervisedTuningSpec.trainingDatasetUri must be a gs:// URI.")
        }
        let validation = spec["validationDatasetUri"] as? String
        if let validation, !validation.hasPrefix("gs://") {
            return reject("supervisedTuningSpec.validationDatasetUri must be a gs:// URI.")
        }
        if let parameters = spec["hyperParameters"] as? [String: Any], let size = parameters["adapterSize"] as? String,
            !size.hasPrefix("ADAPTER_SIZE_")
        {
            return reject("Invalid adapterSize \(size).")
        }
        let job = jobs.withLock { jobs -> Job in
            let job = Job(
                id: String(9_000_000 + jobs.count + 1), location: location, baseModel: baseModel,
                displayName: body["tunedModelDisplayName"] as? String, training: training, validation: validation,
                createTime: "2027-01-0\(min(jobs.count + 1, 9))T10:00:00.123456Z")
            jobs.append(job)
            return job
        }
        return StubJSON.json(object(job), status: 200)
    }

    static func name(of job: Job) -> String {
        "projects/\(projectNumber)/locations/\(job.location)/tuningJobs/\(job.id)"
    }

    static func endpoint(of job: Job) -> String {
        "projects/\(projectNumber)/locations/\(job.location)/endpoints/\(job.id)01"
    }

    static func object(_ job: Job) -> [String: Any] {
        var spec: [String: Any] = ["trainingDatasetUri": job.training]
        if let validation = job.validation { spec["validationDatasetUri"] = validation }
        var object: [String: Any] = [
            "name": name(of: job), "state": job.state, "baseModel": job.baseModel, "createTime": job.createTime,
            "updateTime": job.createTime, "supervisedTuningSpec": spec,
        ]
        if let displayName = job.displayName { object["tunedModelDisplayName"] = displayName }
        if job.state != "JOB_STATE_PENDING" {
            object["tuningDataStats"] = [
                "supervisedTuningDataStats": [
                    "tuningDatasetExampleCount": "12", "totalBillableTokenCount": "4800", "tuningStepCount": "6",
                ]
            ]
        }
        if job.state == succeeded {
            object["endTime"] = "2027-01-01T11:00:00Z"
            object["experiment"] =
                "projects/\(projectNumber)/locations/\(job.location)/metadataStores/default/contexts/tuning-\(job.id)"
            object["tunedModel"] = [
                "model": "projects/\(projectNumber)/locations/\(job.location)/models/\(job.id)02@1",
                "endpoint": endpoint(of: job),
            ]
        }
        return object
    }

    private static func notFound(_ path: String) -> TestResponse {
        GeminiStub.error(status: 404, statusName: "NOT_FOUND", message: "Not found: \(path)", retryDelay: nil)
    }
}
