import Foundation
public import MnemeHTTPTesting

/// A loopback server speaking OpenAI's files and fine-tuning jobs API (§6 of the wire-format
/// notes) and Chat Completions for the models it tunes.
///
/// - `POST /v1/files` parses the multipart body strictly: `purpose=fine-tune`, a `file` part named
///   `*.jsonl` whose every line is an object with `messages`; anything else is a 400.
/// - `POST /v1/fine_tuning/jobs` checks the files exist; a job then advances one stage per
///   `GET /v1/fine_tuning/jobs/{id}` (validating_files → queued → running with metrics events →
///   succeeded), see ``FineTuningStubState``.
/// - `GET …/events` (newest first, `after`/`limit`), `GET …/checkpoints`, `POST …/cancel`,
///   `GET /v1/fine_tuning/jobs`.
/// - `POST /v1/chat/completions` answers through `chat` (as ``OpenAIStub``) for base models and for
///   `ft:` models of succeeded jobs; other `ft:` models get 404 `model_not_found`.
/// - Every request needs `Authorization: Bearer <apiKey>`; a wrong key gets OpenAI's 401, which
///   echoes the key partly masked (to test that clients redact it).
///
/// ```swift
/// let stub = try OpenAIFineTuningStub()
/// let environment = ProviderEnvironment(["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL])
/// ```
public final class OpenAIFineTuningStub: Sendable {
    /// The underlying server.
    public let server: TestHTTPServer
    /// The key the stub accepts.
    public let apiKey: String
    private let state: StubState<FineTuningStubState>

    /// Starts a stub whose jobs train `totalSteps` steps, `stepsPerPoll` per poll.
    public init(
        apiKey: String = "sk-stub-fine-tuning-key", organization: String = "stub-org", totalSteps: Int = 6,
        stepsPerPoll: Int = 3, chat: @escaping @Sendable (RecordedRequest) -> StubReply = { _ in .text("stub answer") }
    ) throws {
        let state = StubState(
            FineTuningStubState(
                organization: organization, totalSteps: max(1, totalSteps), stepsPerPoll: max(1, stepsPerPoll)))
        self.state = state
        self.apiKey = apiKey
        server = try TestHTTPServer { request in
            Self.respond(to: request, state: state, apiKey: apiKey, chat: chat)
        }
    }

    /// `http://127.0.0.1:PORT/v1`.
    public var baseURL: String { server.baseURL + "/v1" }
    /// The requests received.
    public var requests: [RecordedRequest] { server.requests }
    /// The uploaded files' contents by file id.
    public var uploadedFiles: [String: String] { state.withLock { $0.files.mapValues(\.content) } }

    /// Stops the server.
    public func shutdown() { server.shutdown() }

    static func respond(
        to request: RecordedRequest, state: StubState<FineTuningStubState>, apiKey: String,
        chat: (RecordedRequest) -> StubReply
    ) -> TestResponse {
        guard request.header("Authorization") == "Bearer \(apiKey)" else {
            let given = request.header("Authorization")?.replacingOccurrences(of: "Bearer ", with: "") ?? ""
            let masked = given.count > 8 ? "\(given.prefix(4))…\(given.suffix(4))" : given
            return OpenAIStub.error(
                status: 401, type: "invalid_request_error",
                message: "Incorrect API key provided: \(given) (\(masked)).", code: "invalid_api_key")
        }
        let path = request.path.hasPrefix("/v1") ? String(request.path.dropFirst(3)) : request.path
        let segments = path.split(separator: "/").map(String.init)
        switch (request.method, segments.count) {
        case ("POST", 1) where segments[0] == "files":
            return upload(request, state: state)
        case (_, 2) where segments == ["chat", "completions"]:
            return chatCompletion(request, state: state, chat: chat)
        case ("POST", 2) where segments == ["fine_tuning", "jobs"]:
            return create(request, state: state)
        case ("GET", 2) where segments == ["fine_tuning", "jobs"]:
            let jobs = state.withLock { state in state.jobs.reversed().map { state.jobObject($0) } }
            return page(jobs, query: request.query)
        case (_, 3...4) where segments[0] == "fine_tuning" && segments[1] == "jobs":
            return jobRequest(request, id: segments[2], action: segments.count == 4 ? segments[3] : nil, state: state)
        default:
            return OpenAIStub.error(
                status: 404, type: "invalid_request_error", message: "Unknown path \(request.path)", code: "unknown_url"
            )
        }
    }

    private static func upload(_ request: RecordedRequest, state: StubState<FineTuningStubState>) -> TestResponse {
        func reject(_ message: String) -> TestResponse {
            OpenAIStub.error(status: 400, type: "invalid_request_error", message: message, code: "invalid_file")
        }
        let parts: [MultipartPart]
        switch MultipartParser.parse(body: request.body, contentType: request.header("Content-Type")) {
        case .success(let parsed): parts = parsed
        case .failure(let failure): return reject("Malformed multipart body: \(failure.message)")
        }
        guard let purpose = parts.first(where: { $0.name == "purpose" })?.text else {
            return reject("Missing required parameter: 'purpose'.")
        }
        guard purpose == "fine-tune" else { return reject("Invalid purpose '\(purpose)' for this stub.") }
        guard let file = parts.first(where: { $0.name == "file" }), let filename = file.filename else {
            return reject("Missing required parameter: 'file'.")
        }
        guard filename.hasSuffix(".jsonl") else { return reject("Invalid file format: \(filename) is not .jsonl.") }
        let text = file.text
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            guard object?["messages"] is [Any] else {
                return reject("Invalid file format. Line \(number + 1) is not an object with 'messages'.")
            }
        }
        let stored = state.withLock { $0.addFile(filename: filename, purpose: purpose, content: text) }
        return StubJSON.json(
            [
                "object": "file", "id": stored.id, "bytes": file.data.count, "created_at": 1_800_000_000,
                "filename": filename, "purpose": purpose, "status": "processed",
            ], status: 200)
    }

    private static func create(_ request: RecordedRequest, state: StubState<FineTuningStubState>) -> TestResponse {
        let body = StubJSON.object(request.body)
        func reject(_ message: String, param: String) -> TestResponse {
            OpenAIStub.error(status: 400, type: "invalid_request_error", message: message, code: param)
        }
        guard let model = body["model"] as? String, !model.isEmpty else {
            return reject("Missing required parameter: 'model'.", param: "model")
        }
        guard let training = body["training_file"] as? String else {
            return reject("Missing required parameter: 'training_file'.", param: "training_file")
        }
        let validation = body["validation_file"] as? String
        let suffix = body["suffix"] as? String
        if let suffix, suffix.isEmpty || suffix.count > 64 {
            return reject("suffix must be 1 to 64 characters.", param: "suffix")
        }
        let method = body["method"] as? [String: Any]
        let hyperparameters =
            ((method?["supervised"] as? [String: Any])?["hyperparameters"] as? [String: Any])
            ?? (body["hyperparameters"] as? [String: Any]) ?? [:]
        let result = state.withLock { state -> Result<[String: Any], TestResponseBox> in
            guard state.files[training] != nil else {
                return .failure(TestResponseBox(reject("File \(training) not found.", param: "training_file")))
            }
            if let validation, state.files[validation] == nil {
                return .failure(TestResponseBox(reject("File \(validation) not found.", param: "validation_file")))
            }
            let job = state.addJob(
                model: model, suffix: suffix, trainingFile: training, validationFile: validation,
                hyperparameters: hyperparameters)
            return .success(state.jobObject(job))
        }
        switch result {
        case .success(let object): return StubJSON.json(object, status: 200)
        case .failure(let box): return box.response
        }
    }

    private static func jobRequest(
        _ request: RecordedRequest, id: String, action: String?, state: StubState<FineTuningStubState>
    ) -> TestResponse {
        state.withLock { state -> TestResponse in
            guard let index = state.jobs.firstIndex(where: { $0.id == id }) else {
                return OpenAIStub.error(
                    status: 404, type: "invalid_request_error", message: "No such job: \(id)", code: nil)
            }
            switch (request.method, action) {
            case ("GET", nil):
                state.poll(index)
                return StubJSON.json(state.jobObject(state.jobs[index]), status: 200)
            case ("POST", "cancel"):
                guard state.cancel(index) else {
                    return OpenAIStub.error(
                        status: 400, type: "invalid_request_error", message: "Job \(id) has already finished.",
                        code: nil)
                }
                return StubJSON.json(state.jobObject(state.jobs[index]), status: 200)
            case ("GET", "events"):
                return page(state.jobs[index].events.reversed(), query: request.query)
            case ("GET", "checkpoints"):
                return page(state.jobs[index].checkpoints.reversed(), query: request.query)
            default:
                return OpenAIStub.error(
                    status: 404, type: "invalid_request_error", message: "Unknown path \(request.path)", code: nil)
            }
        }
    }

    private static func chatCompletion(
        _ request: RecordedRequest, state: StubState<FineTuningStubState>, chat: (RecordedRequest) -> StubReply
    ) -> TestResponse {
        let model = StubJSON.object(request.body)["model"] as? String ?? ""
        if model.hasPrefix("ft:") {
            let known = state.withLock { state in
                state.jobs.contains {
                    $0.fineTunedModel == model
                        || $0.checkpoints.contains { checkpoint in
                            checkpoint["fine_tuned_model_checkpoint"] as? String == model
                        }
                }
            }
            guard known else {
                return OpenAIStub.error(
                    status: 404, type: "invalid_request_error",
                    message: "The model `\(model)` does not exist or you do not have access to it.",
                    code: "model_not_found")
            }
        }
        return OpenAIStub.respond(to: request, reply: chat)
    }

    /// A list page: `after` (an id) and `limit` select items of `items` (already in list order).
    static func page(_ items: [[String: Any]], query: String?) -> TestResponse {
        var after: String?
        var limit = 20
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "after" { after = parts[1].removingPercentEncoding }
            if parts[0] == "limit" { limit = Int(parts[1]) ?? limit }
        }
        var start = 0
        if let after, let index = items.firstIndex(where: { $0["id"] as? String == after }) { start = index + 1 }
        let slice = Array(items.dropFirst(start).prefix(limit))
        return StubJSON.json(
            ["object": "list", "data": slice, "has_more": start + slice.count < items.count], status: 200)
    }
}

/// Mutable state shared by a stub's connection threads.
final class StubState<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`, and what leaves the lock is rendered JSON.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Carries a ``TestResponse`` out of a locked section as a `Result` failure.
struct TestResponseBox: Error {
    let response: TestResponse
    init(_ response: TestResponse) { self.response = response }
}
