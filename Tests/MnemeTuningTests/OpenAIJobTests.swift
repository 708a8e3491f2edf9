import Foundation
import MnemeProviders
import MnemeProvidersTesting
import MnemeStore
import MnemeTuning
import Testing

@Suite struct OpenAIJobTests {
    @Test func aJobIsUploadedCreatedPolledToSuccessWithLossesAndCheckpoints() async throws {
        let sandbox = try TuningSandbox()
        let stub = try OpenAIFineTuningStub(totalSteps: 6, stepsPerPoll: 3)
        defer { stub.shutdown() }
        let train = try sandbox.write("train.jsonl", SampleData.training)
        let validation = try sandbox.write("val.jsonl", SampleData.validation)
        let environment = ProviderEnvironment(["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL])
        let prices = PriceTable(models: ["gpt-4o-mini": .init(input: 0.15, output: 0.6, training: 3.0)])
        let jobs = TuningJobs(
            store: sandbox.store, tenant: "acme", environment: environment, http: sandbox.http,
            prices: prices)

        var job = try await jobs.create(
            TuningJobRequest(
                provider: .openAI, baseModel: "gpt-4o-mini-2024-07-18", trainingFile: train,
                validationFile: validation, suffix: "support",
                hyperparameters: TuningHyperparameters(epochs: 2, learningRateMultiplier: 0.5, batchSize: 4)))
        #expect(job.status == .validatingFiles)
        #expect(job.remoteID == "ftjob-stub1")

        // The upload: multipart/form-data with purpose and the file, byte for byte.
        let uploads = stub.requests.filter { $0.path == "/v1/files" }
        #expect(uploads.count == 2)
        #expect(uploads.allSatisfy { $0.header("Content-Type")?.hasPrefix("multipart/form-data; boundary=") == true })
        #expect(uploads[0].bodyText.contains("Content-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"))
        #expect(uploads[0].bodyText.contains("filename=\"train.jsonl\""))
        #expect(Set(stub.uploadedFiles.values) == [SampleData.training, SampleData.validation])

        // The create body: supervised method with the hyperparameters, both files, the suffix.
        let create = try #require(stub.requests.first { $0.path == "/v1/fine_tuning/jobs" && $0.method == "POST" })
        let body = try #require(try JSONSerialization.jsonObject(with: Data(create.body)) as? [String: Any])
        #expect(body["model"] as? String == "gpt-4o-mini-2024-07-18")
        #expect(body["training_file"] as? String == "file-stub1")
        #expect(body["validation_file"] as? String == "file-stub2")
        #expect(body["suffix"] as? String == "support")
        let method = try #require(body["method"] as? [String: Any])
        #expect(method["type"] as? String == "supervised")
        let parameters = (method["supervised"] as? [String: Any])?["hyperparameters"] as? [String: Any]
        #expect(parameters?["n_epochs"] as? Int == 2)
        #expect(parameters?["batch_size"] as? Int == 4)
        #expect(parameters?["learning_rate_multiplier"] as? Double == 0.5)
        #expect(job.estimatedTokens.map { $0 > 0 && $0 % 2 == 0 } == true, "tokens × 2 epochs")

        var statuses: [TuningStatus] = []
        for _ in 0..<6 where !job.status.isTerminal {
            job = try await jobs.refresh(String(job.id))
            statuses.append(job.status)
        }
        #expect(statuses == [.queued, .running, .running, .succeeded])
        #expect(job.fineTunedModel == "ft:gpt-4o-mini-2024-07-18:stub-org:support:stub1")
        #expect(job.trainedTokens == 6000)
        #expect(job.loss.map(\.step) == [1, 2, 3, 4, 5, 6])
        #expect(job.loss.first?.trainLoss == 2.0)
        #expect(job.loss[1].trainLoss == 1.4)
        #expect(job.loss[1].validLoss == 1.655, "2.1 · 0.75 + 0.08")
        #expect(job.progress?.step == 6 && job.progress?.total == 6)
        #expect(job.events.last?.message == "The job has successfully completed")
        #expect(Set(job.events.map(\.id)).count == job.events.count, "events are not recorded twice")
        let cost = try #require(job.estimatedCost(prices: prices))
        #expect(abs(cost.usd - 0.018) < 1e-12, "6000 trained tokens × $3 per million")

        // The stored job survives a reopen.
        let stored = try await jobs.job("ftjob-stub1")
        #expect(stored.loss == job.loss)
        #expect(stored.status == .succeeded)

        let checkpoints = try await jobs.checkpoints(String(job.id))
        #expect(checkpoints.map(\.step) == [3, 6])
        #expect(checkpoints.last?.model == "ft:gpt-4o-mini-2024-07-18:stub-org:support:stub1:ckpt-step-6")
        let events = try await jobs.events(String(job.id))
        #expect(events.first?.message == "Created fine-tuning job: ftjob-stub1")
        #expect(events.compactMap(\.metrics).count == 6)

        let remote = try await jobs.remoteJobs(.openAI)
        #expect(remote.map(\.id) == ["ftjob-stub1"])
        await #expect(throws: TuningError.self) { _ = try await jobs.cancel(String(job.id)) }
    }

    @Test func aRunningJobIsCancelled() async throws {
        let sandbox = try TuningSandbox()
        let stub = try OpenAIFineTuningStub()
        defer { stub.shutdown() }
        let train = try sandbox.write("train.jsonl", SampleData.training)
        let jobs = TuningJobs(
            store: sandbox.store, tenant: "acme",
            environment: ProviderEnvironment(["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL]),
            http: sandbox.http)
        let job = try await jobs.create(
            TuningJobRequest(provider: .openAI, baseModel: "gpt-4o-mini-2024-07-18", trainingFile: train))
        _ = try await jobs.refresh(String(job.id))
        let cancelled = try await jobs.cancel(String(job.id))
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.status.isTerminal)
        await #expect(throws: TuningError.self) { try await jobs.register(String(job.id)) }
    }

    @Test func badInputIsRejectedBeforeAnythingIsUploaded() async throws {
        let sandbox = try TuningSandbox()
        let stub = try OpenAIFineTuningStub()
        defer { stub.shutdown() }
        let jobs = TuningJobs(
            store: sandbox.store, tenant: "acme",
            environment: ProviderEnvironment(["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL]),
            http: sandbox.http)
        let broken = try sandbox.write("broken.jsonl", SampleData.training + "{not json\n")
        let error = await #expect(throws: TuningError.self) {
            _ = try await jobs.create(
                TuningJobRequest(provider: .openAI, baseModel: "gpt-4o-mini", trainingFile: broken))
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("broken.jsonl:13") == true, "the line number is named")

        let train = try sandbox.write("train.jsonl", SampleData.training)
        for parameters in [
            TuningHyperparameters(epochs: 0), TuningHyperparameters(learningRateMultiplier: -1),
            TuningHyperparameters(batchSize: 1000), TuningHyperparameters(adapterSize: 4),
        ] {
            let error = await #expect(throws: TuningError.self) {
                _ = try await jobs.create(
                    TuningJobRequest(
                        provider: .openAI, baseModel: "gpt-4o-mini", trainingFile: train, hyperparameters: parameters))
            }
            #expect(error?.code == .invalidInput)
        }
        let missing = await #expect(throws: TuningError.self) {
            _ = try await jobs.create(
                TuningJobRequest(
                    provider: .openAI, baseModel: "gpt-4o-mini", trainingFile: sandbox.folder.path + "/none.jsonl"))
        }
        #expect(missing?.code == .invalidInput)
        #expect(stub.requests.isEmpty, "nothing was sent")
    }

    @Test func aWrongKeyGivesAnErrorThatNeverShowsTheKey() async throws {
        let sandbox = try TuningSandbox()
        let stub = try OpenAIFineTuningStub()
        defer { stub.shutdown() }
        let key = "sk-live-0123456789abcdefSECRET"
        let train = try sandbox.write("train.jsonl", SampleData.training)
        let jobs = TuningJobs(
            store: sandbox.store, tenant: "acme",
            environment: ProviderEnvironment(["OPENAI_API_KEY": key, "OPENAI_BASE_URL": stub.baseURL]),
            http: sandbox.http)
        let error = await #expect(throws: TuningError.self) {
            _ = try await jobs.create(
                TuningJobRequest(provider: .openAI, baseModel: "gpt-4o-mini", trainingFile: train))
        }
        #expect(error?.status == 401)
        #expect(error?.message.contains("OPENAI_API_KEY") == true)
        #expect(error.map { !$0.message.contains(key) && !$0.message.contains("SECRET") } == true)
        #expect(try await jobs.jobs().isEmpty)
    }

    @Test func anthropicExplainsTheAlternatives() async throws {
        let sandbox = try TuningSandbox()
        let jobs = TuningJobs(
            store: sandbox.store, tenant: "acme", environment: ProviderEnvironment(["ANTHROPIC_API_KEY": "k"]),
            http: sandbox.http)
        let error = await #expect(throws: TuningError.self) {
            _ = try await jobs.create(
                TuningJobRequest(provider: .anthropic, baseModel: "claude-haiku-4-5", trainingFile: "train.jsonl"))
        }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("no public fine-tuning API") == true)
        #expect(error?.message.contains("persona") == true)
        #expect(error?.message.contains("Few-shot") == true)
        #expect(error?.message.contains("Retrieval") == true)
        #expect(throws: TuningError.self) { _ = try TuningProvider(parsing: "mistral") }
        #expect(try TuningProvider(parsing: "OpenAI") == .openAI)
    }
}
