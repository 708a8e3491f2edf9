import Foundation
import HummingbirdTesting
import Mneme
import MnemeProvidersTesting
import Testing

/// The admin API's tuning jobs against the OpenAI fine-tuning stub: create from a file on the server's
/// machine, poll to success, register the tuned model, then chat through the server reaches it.
@Suite struct TuningJobsAPITests {
    @Test func createPollRegisterAndChatWithTheTunedModel() async throws {
        let stub = try OpenAIFineTuningStub(totalSteps: 4, stepsPerPoll: 2) { request in
            .text(request.bodyText.contains("\"model\":\"ft:") ? "From the tuned model." : "From the base model.")
        }
        defer { stub.shutdown() }
        let sandbox = try ServerSandbox(engine: {
            $0.environment = ["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL]
            $0.model = "openai:gpt-4o-mini-2024-07-18"
        })
        let training = sandbox.folder.appendingPathComponent("train.jsonl")
        let lines = (1...10).map {
            #"{"messages":[{"role":"user","content":"Question \#($0)?"},{"role":"assistant","content":"Answer \#($0)."}]}"#
        }
        try lines.joined(separator: "\n").write(to: training, atomically: true, encoding: .utf8)
        let admin = try await sandbox.key("acme", .admin)
        let otherAdmin = try await sandbox.key("globex", .admin)
        try await sandbox.test { client in
            let created = try await client.call(
                .post, "/admin/v1/tuning/jobs", key: admin,
                json: [
                    "provider": "openai", "model": "gpt-4o-mini-2024-07-18", "training_file": training.path,
                    "suffix": "support", "epochs": 2,
                ])
            #expect(created.status == .created, "\(created.text)")
            let job = try created.object()
            let id = try #require(job["id"] as? Int)
            #expect(job["remote_id"] as? String == "ftjob-stub1")
            #expect(try await client.call(.get, "/admin/v1/tuning/jobs/\(id)", key: otherAdmin).status == .notFound)

            let early = try await client.call(.post, "/admin/v1/tuning/jobs/\(id)/register", key: admin, json: [:])
            #expect(early.status == .conflict, "a route needs a succeeded job")

            var status = ""
            for _ in 0..<6 where status != "succeeded" {
                let polled = try await client.call(.get, "/admin/v1/tuning/jobs/\(id)?refresh=true", key: admin)
                status = try polled.object()["status"] as? String ?? ""
            }
            #expect(status == "succeeded")
            let done = try await client.call(.get, "/admin/v1/tuning/jobs/\(id)", key: admin).object()
            let tuned = try #require(done["fine_tuned_model"] as? String)
            #expect(tuned.hasPrefix("ft:gpt-4o-mini-2024-07-18:stub-org:support"))
            #expect((done["loss"] as? [Any])?.isEmpty == false, "the loss series is reported")
            let listed = try await client.call(.get, "/admin/v1/tuning/jobs", key: admin).object()
            #expect((listed["data"] as? [[String: Any]])?.count == 1)
            #expect(
                ((try await client.call(.get, "/admin/v1/tuning/jobs", key: otherAdmin).object())["data"] as? [Any])?
                    .isEmpty == true, "another tenant sees no job")

            let registered = try await client.call(.post, "/admin/v1/tuning/jobs/\(id)/register", key: admin, json: [:])
            #expect(registered.status == .created, "\(registered.text)")
            let answer = try await client.chat(key: admin, user: "ada", "Hello?")
            #expect(try answer.reply() == "From the tuned model.")
            let other = try await client.chat(key: otherAdmin, user: "bob", "Hello?")
            #expect(try other.reply() == "From the base model.", "the route is the tenant's own")
        }
    }
}
