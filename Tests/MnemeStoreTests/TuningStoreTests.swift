import Foundation
import MnemeStore
import Testing

@Suite struct TuningStoreTests {
    @Test func aJobIsRecordedUpdatedAndScopedToItsTenant() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let acme = try await store.ensureTenant("acme").id
        let other = try await store.ensureTenant("other").id
        let job = try await store.insertTuningJob(
            NewTuningJob(
                provider: "openai", remoteID: "ftjob-1", baseModel: "gpt-4o-mini-2024-07-18",
                status: "validating_files",
                trainingFile: "train.jsonl", remoteTrainingFile: "file-1", suffix: "support",
                hyperparameters: #"{"n_epochs":3}"#, estimatedTokens: 1200),
            tenantID: acme)
        #expect(job.status == "validating_files")
        #expect(job.events == "[]")

        let finished = Date(timeIntervalSince1970: 1_800_000_000)
        let updated = try await store.updateTuningJob(
            job.id, tenantID: acme,
            TuningJobUpdate(
                status: "succeeded", fineTunedModel: "ft:gpt-4o-mini-2024-07-18:org:support:abc", trainedTokens: 3600,
                metrics: #"[{"step":1,"trainLoss":1.5}]"#, finishedAt: finished))
        #expect(updated.status == "succeeded")
        #expect(updated.fineTunedModel == "ft:gpt-4o-mini-2024-07-18:org:support:abc")
        #expect(updated.trainedTokens == 3600)
        #expect(updated.finishedAt == finished)
        #expect(updated.hyperparameters == #"{"n_epochs":3}"#, "fields not in the update are kept")

        #expect(try await store.tuningJob(remoteID: "ftjob-1", tenantID: acme)?.id == job.id)
        #expect(try await store.tuningJob(job.id, tenantID: other) == nil, "another tenant does not see it")
        #expect(try await store.tuningJobs(tenantID: other).isEmpty)
        await #expect(throws: StoreError.self) {
            try await store.updateTuningJob(job.id, tenantID: other, TuningJobUpdate(status: "cancelled"))
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.insertTuningJob(
                NewTuningJob(
                    provider: "openai", remoteID: "ftjob-1", baseModel: "m", status: "queued", trainingFile: "t"),
                tenantID: acme)
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.insertTuningJob(
                NewTuningJob(
                    provider: "openai", remoteID: "ftjob-2", baseModel: "m", status: "queued", trainingFile: "t",
                    hyperparameters: "{not json"),
                tenantID: acme)
        }
    }

    @Test func aRouteIsRegisteredReplacedByNameAndScopedToItsTenant() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let acme = try await store.ensureTenant("acme").id
        let other = try await store.ensureTenant("other").id
        let first = try await store.registerRoute(
            NewRegisteredRoute(
                name: "support-tuned", target: "openai:ft:gpt-4o-mini:org::abc", fallbacks: ["openai:gpt-4o-mini"],
                persona: "support", userAttributes: ["plan": "pro"], tuningJobID: 999),
            tenantID: acme)
        #expect(first.fallbacks == ["openai:gpt-4o-mini"])
        #expect(first.userAttributes == ["plan": "pro"])
        #expect(first.tuningJobID == nil, "a job id the tenant does not have is not linked")

        _ = try await store.registerRoute(
            NewRegisteredRoute(name: "support-tuned", target: "openai:ft:gpt-4o-mini:org::def"), tenantID: acme)
        let routes = try await store.registeredRoutes(tenantID: acme)
        #expect(routes.count == 1)
        #expect(routes.first?.target == "openai:ft:gpt-4o-mini:org::def")
        #expect(routes.first?.persona == nil)
        #expect(try await store.registeredRoutes(tenantID: other).isEmpty)
        #expect(try await store.removeRegisteredRoute(name: "support-tuned", tenantID: other) == false)
        #expect(try await store.removeRegisteredRoute(name: "support-tuned", tenantID: acme))
        #expect(try await store.registeredRoutes(tenantID: acme).isEmpty)
    }

    @Test func evalOutputsAreStoredPerExampleAndRunsAreFoundForResuming() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let acme = try await store.ensureTenant("acme").id
        let other = try await store.ensureTenant("other").id
        let run = try await store.createEvalRun(
            tenantID: acme, dataPath: "val.jsonl", dataHash: "abc", models: ["base", "tuned"], judge: nil,
            exampleCount: 2)
        try await store.saveEvalOutput(
            EvalOutputRecord(
                model: "base", exampleIndex: 0, target: "openai:gpt-4o-mini", output: "", succeeded: false,
                error: "timeout"),
            runID: run.id, tenantID: acme)
        try await store.saveEvalOutput(
            EvalOutputRecord(
                model: "base", exampleIndex: 0, target: "openai:gpt-4o-mini", output: "Paris", succeeded: true,
                promptTokens: 10, completionTokens: 2, latencyMilliseconds: 120, cost: 0.001),
            runID: run.id, tenantID: acme)
        let outputs = try await store.evalOutputs(runID: run.id, tenantID: acme)
        #expect(outputs.count == 1, "a rerun of an example replaces its output")
        #expect(outputs.first?.output == "Paris")
        #expect(outputs.first?.succeeded == true)
        #expect(outputs.first?.cost == 0.001)

        #expect(
            try await store.latestEvalRun(dataHash: "abc", models: ["base", "tuned"], judge: nil, tenantID: acme)?.id
                == run.id)
        #expect(try await store.latestEvalRun(dataHash: "abc", models: ["tuned"], judge: nil, tenantID: acme) == nil)
        #expect(
            try await store.latestEvalRun(dataHash: "abc", models: ["base", "tuned"], judge: nil, tenantID: other)
                == nil)
        #expect(try await store.evalOutputs(runID: run.id, tenantID: other).isEmpty)
        await #expect(throws: StoreError.self) {
            try await store.saveEvalOutput(outputs[0], runID: run.id, tenantID: other)
        }
        #expect(try await store.deleteEvalRun(run.id, tenantID: acme))
        #expect(try await store.evalOutputs(runID: run.id, tenantID: acme).isEmpty)
    }
}
