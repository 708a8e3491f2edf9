import Foundation
import Mneme
import MnemeHTTPTesting
import MnemeProviders
import MnemeProvidersTesting
import MnemeStore
import MnemeTuning
import Testing

/// The whole loop on the stubs: upload, create, poll to success, register the tuned model as a
/// route (base model as fallback), then a chat turn through the engine's router reaches it.
@Suite struct RegistrationTests {
    static func answer(_ request: RecordedRequest) -> StubReply {
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
        let model = body?["model"] as? String ?? ""
        return .text(model.hasPrefix("ft:") ? "Tuned: you get 27 days." : "Base: it depends on your contract.")
    }

    func turn(_ engine: Engine, _ message: String, model: String? = nil) async throws -> (
        text: String, decision: RouteDecision?, notices: [String], record: TurnRecord?
    ) {
        var text = ""
        var decision: RouteDecision?
        var notices: [String] = []
        var record: TurnRecord?
        for try await event in engine.respond(
            tenant: "acme", user: "ada", session: nil, message: message, options: TurnOptions(model: model))
        {
            switch event {
            case .delta(let piece): text += piece
            case .routed(let routed): decision = routed
            case .notice(let notice): notices.append(notice)
            case .finished(let finished): record = finished
            default: break
            }
        }
        return (text, decision, notices, record)
    }

    @Test func theTunedOpenAIModelIsRegisteredAndAnswersThroughTheEngine() async throws {
        let sandbox = try TuningSandbox()
        let stub = try OpenAIFineTuningStub(totalSteps: 4, stepsPerPoll: 4, chat: Self.answer)
        defer { stub.shutdown() }
        let variables = ["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL]
        var configuration = EngineConfiguration(environment: variables)
        configuration.databasePath = sandbox.folder.appendingPathComponent("engine.sqlite").path
        let engine = try Engine(configuration: configuration)
        let jobs = TuningJobs(
            store: engine.store, tenant: "acme", environment: ProviderEnvironment(variables), http: sandbox.http)

        let before = try await turn(engine, "How many vacation days do I get?")
        #expect(before.text.hasPrefix("Base:"), "before registration the default model answers")

        let train = try sandbox.write("train.jsonl", SampleData.training)
        var job = try await jobs.create(
            TuningJobRequest(
                provider: .openAI, baseModel: "gpt-4o-mini-2024-07-18", trainingFile: train, suffix: "support"))
        await #expect(throws: TuningError.self) { try await jobs.register(String(job.id)) }
        while !job.status.isTerminal { job = try await jobs.refresh(String(job.id)) }
        #expect(job.status == .succeeded)

        let route = try await jobs.register(String(job.id))
        #expect(route.name == "support")
        #expect(route.target == "openai:ft:gpt-4o-mini-2024-07-18:stub-org:support:stub1")
        #expect(route.fallbacks == ["openai:gpt-4o-mini-2024-07-18"])
        #expect(route.tuningJobID == job.id)

        let after = try await turn(engine, "How many vacation days do I get?")
        #expect(after.text == "Tuned: you get 27 days.")
        #expect(after.decision?.route == "support")
        #expect(after.decision?.reason == "route 'support' matched tenant=acme")
        #expect(after.record?.model.contains("ft:gpt-4o-mini-2024-07-18:stub-org:support:stub1") == true)
        let chat = try #require(stub.requests.last { $0.path == "/v1/chat/completions" })
        #expect(chat.bodyText.contains("\"model\":\"ft:gpt-4o-mini-2024-07-18:stub-org:support:stub1\""))

        // The route is also a model name, and another tenant does not get it.
        let named = try await turn(engine, "Hi", model: "support")
        #expect(named.text.hasPrefix("Tuned:"))
        let router = try await engine.router(tenant: "other")
        #expect(router.routes.isEmpty)

        try await jobs.unregister("support")
        let unregistered = try await turn(engine, "How many vacation days do I get?")
        #expect(unregistered.text.hasPrefix("Base:"))
    }

    @Test func theBaseModelAnswersWhenTheTunedModelIsGone() async throws {
        let sandbox = try TuningSandbox()
        let stub = try OpenAIFineTuningStub(chat: Self.answer)
        defer { stub.shutdown() }
        let variables = ["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL]
        var configuration = EngineConfiguration(environment: variables)
        configuration.databasePath = sandbox.folder.appendingPathComponent("engine.sqlite").path
        let engine = try Engine(configuration: configuration)
        let tenant = try await engine.store.ensureTenant("acme")
        try await engine.store.registerRoute(
            NewRegisteredRoute(
                name: "support", target: "openai:ft:gpt-4o-mini-2024-07-18:stub-org:support:deleted",
                fallbacks: ["openai:gpt-4o-mini-2024-07-18"]),
            tenantID: tenant.id)
        let result = try await turn(engine, "How many vacation days do I get?")
        #expect(result.text.hasPrefix("Base:"))
        #expect(result.notices.contains { $0.contains("falling back to openai:gpt-4o-mini-2024-07-18") })
    }

    @Test func theTunedVertexModelIsRegisteredAndAnswersThroughItsEndpoint() async throws {
        let sandbox = try TuningSandbox()
        let stub = try VertexTuningStub { request in
            .text(request.path.contains("/endpoints/") ? "Tuned Gemini answer." : "Base Gemini answer.")
        }
        defer { stub.shutdown() }
        let variables = [
            "GOOGLE_CLOUD_PROJECT": "my-project", "GOOGLE_CLOUD_LOCATION": "europe-west4",
            "GOOGLE_GENAI_USE_VERTEXAI": "true", "GOOGLE_VERTEX_BASE_URL": stub.baseURL,
            "GOOGLE_OAUTH_ACCESS_TOKEN": stub.token,
        ]
        var configuration = EngineConfiguration(environment: variables)
        configuration.databasePath = sandbox.folder.appendingPathComponent("engine.sqlite").path
        let engine = try Engine(configuration: configuration)
        let jobs = TuningJobs(
            store: engine.store, tenant: "acme", environment: ProviderEnvironment(variables), http: sandbox.http)

        var job = try await jobs.create(
            TuningJobRequest(
                provider: .vertex, baseModel: "gemini-2.5-flash", trainingFile: "gs://bucket/train.jsonl",
                validationFile: "gs://bucket/val.jsonl", suffix: "support-gemini",
                hyperparameters: TuningHyperparameters(epochs: 3, learningRateMultiplier: 1.0, adapterSize: 4)))
        #expect(job.status == .queued)
        let create = try #require(stub.requests.first { $0.method == "POST" })
        #expect(create.path == "/v1/projects/my-project/locations/europe-west4/tuningJobs")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(create.body)) as? [String: Any])
        let spec = try #require(body["supervisedTuningSpec"] as? [String: Any])
        #expect(spec["trainingDatasetUri"] as? String == "gs://bucket/train.jsonl")
        let parameters = try #require(spec["hyperParameters"] as? [String: Any])
        #expect(parameters["epochCount"] as? Int == 3)
        #expect(parameters["adapterSize"] as? String == "ADAPTER_SIZE_FOUR")
        #expect(body["tunedModelDisplayName"] as? String == "support-gemini")

        var statuses: [TuningStatus] = []
        while !job.status.isTerminal {
            job = try await jobs.refresh("9000001")
            statuses.append(job.status)
        }
        #expect(statuses == [.running, .succeeded])
        let endpoint = "projects/123456789/locations/europe-west4/endpoints/900000101"
        #expect(job.fineTunedModel == endpoint)
        #expect(job.details["billable tokens"] == "4800")
        #expect(job.details["experiment"]?.contains("tuning-9000001") == true)
        await #expect(throws: TuningError.self) { _ = try await jobs.events(String(job.id)) }

        let route = try await jobs.register(String(job.id), route: "gemini-support")
        #expect(route.target == "vertex:\(endpoint)")
        #expect(route.fallbacks == ["vertex:gemini-2.5-flash"])
        let result = try await turn(engine, "Hello")
        #expect(result.text == "Tuned Gemini answer.")
        #expect(stub.requests.last?.path.hasPrefix("/v1/\(endpoint):") == true)
        #expect(
            try await jobs.remoteJobs(.vertex).map(\.id) == [
                "projects/123456789/locations/europe-west4/tuningJobs/9000001"
            ])
    }

    @Test func vertexNeedsCloudStorageAndSaysHowToUpload() async throws {
        let sandbox = try TuningSandbox()
        let stub = try VertexTuningStub()
        defer { stub.shutdown() }
        let jobs = TuningJobs(
            store: sandbox.store, tenant: "acme",
            environment: ProviderEnvironment([
                "GOOGLE_CLOUD_PROJECT": "p", "GOOGLE_VERTEX_BASE_URL": stub.baseURL,
                "GOOGLE_OAUTH_ACCESS_TOKEN": stub.token,
            ]), http: sandbox.http)
        let error = await #expect(throws: TuningError.self) {
            _ = try await jobs.create(
                TuningJobRequest(
                    provider: .vertex, baseModel: "gemini-2.5-flash", trainingFile: "data/train.jsonl",
                    validationFile: "gs://b/val.jsonl"))
        }
        #expect(error?.code == .unsupported)
        #expect(
            error?.message.contains("gcloud storage cp data/train.jsonl gs://YOUR_BUCKET/mneme/train.jsonl") == true)
        #expect(error?.message.contains("val.jsonl") == false, "only the local file needs uploading")
        let batch = await #expect(throws: TuningError.self) {
            _ = try await jobs.create(
                TuningJobRequest(
                    provider: .vertex, baseModel: "gemini-2.5-flash", trainingFile: "gs://b/t.jsonl",
                    hyperparameters: TuningHyperparameters(batchSize: 8)))
        }
        #expect(batch?.code == .invalidInput)
        #expect(stub.requests.isEmpty)

        var job = try await jobs.create(
            TuningJobRequest(provider: .vertex, baseModel: "gemini-2.5-flash", trainingFile: "gs://b/t.jsonl"))
        job = try await jobs.cancel(String(job.id))
        #expect(job.status == .cancelled)
    }
}
