import Foundation
import Mneme
import MnemeStore
import Testing

/// The admin API: users, facts, sessions and messages, documents, examples, personas, explain,
/// erasure and tuning jobs (their errors; the job lifecycle is tested against the stubs in TuningJobsAPITests).
@Suite struct AdminAPITests {
    @Test func usersFactsSessionsAndMessages() async throws {
        let sandbox = try ServerSandbox()
        let admin = try await sandbox.key("acme", .admin)
        try await sandbox.test { client in
            let put = try await client.call(
                .put, "/admin/v1/users/u-1", key: admin,
                json: ["display_name": "Ada", "attributes": ["plan": "pro"], "groups": ["hr"]])
            #expect(put.status == .ok, "\(put.text)")
            let user = try await client.call(.get, "/admin/v1/users/u-1", key: admin).object()
            #expect(user["display_name"] as? String == "Ada")
            #expect(user["groups"] as? [String] == ["hr"])
            #expect((user["attributes"] as? [String: String])?["plan"] == "pro")

            #expect(
                try await client.call(.put, "/admin/v1/users/u-1/facts/city", key: admin, json: ["value": "Oslo"])
                    .status == .ok)
            #expect(
                try await client.call(.put, "/admin/v1/users/u-1/facts/city", key: admin, json: ["value": "Bergen"])
                    .status == .ok)
            let bad = try await client.call(
                .put, "/admin/v1/users/u-1/facts/city", key: admin, json: ["value": "x", "source": "rumour"])
            #expect(bad.status == .badRequest)
            let facts =
                try await client.call(.get, "/admin/v1/users/u-1/facts", key: admin).object()["data"]
                as? [[String: Any]]
            #expect(facts?.map { $0["value"] as? String } == ["Bergen"])
            let history =
                try await client.call(.get, "/admin/v1/users/u-1/facts?history=true", key: admin).object()["data"]
                as? [Any]
            #expect(history?.count == 2)
            #expect(try await client.call(.delete, "/admin/v1/users/u-1/facts/city", key: admin).status == .noContent)
            #expect(try await client.call(.delete, "/admin/v1/users/u-1/facts/city", key: admin).status == .notFound)

            let session = try await client.call(
                .post, "/admin/v1/users/u-1/sessions", key: admin, json: ["title": "Import", "external_id": "imp-1"])
            #expect(session.status == .created)
            let sessionID = try #require(try session.object()["id"] as? Int)
            let message = try await client.call(
                .post, "/admin/v1/users/u-1/sessions/\(sessionID)/messages", key: admin,
                json: ["role": "user", "content": "Imported line"])
            #expect(message.status == .created)
            let badRole = try await client.call(
                .post, "/admin/v1/users/u-1/sessions/\(sessionID)/messages", key: admin,
                json: ["role": "narrator", "content": "x"])
            #expect(badRole.status == .badRequest)
            let listed = try await client.call(.get, "/admin/v1/users/u-1/sessions/\(sessionID)/messages", key: admin)
            #expect((try listed.object()["data"] as? [[String: Any]])?.first?["content"] as? String == "Imported line")
            let sessions =
                try await client.call(.get, "/admin/v1/users/u-1/sessions", key: admin).object()["data"] as? [Any]
            #expect(sessions?.count == 1)
            #expect(try await client.call(.get, "/admin/v1/users/u-1/sessions/abc", key: admin).status == .badRequest)
            #expect(try await client.call(.get, "/admin/v1/users/u-1/sessions/999", key: admin).status == .notFound)
            #expect(
                try await client.call(.delete, "/admin/v1/users/u-1/sessions/\(sessionID)", key: admin).status
                    == .noContent)
            #expect(
                try await client.call(.get, "/admin/v1/users/u-1/sessions/\(sessionID)", key: admin).status == .notFound
            )
            #expect(try await client.call(.get, "/admin/v1/users?limit=0", key: admin).status == .badRequest)
            #expect(try await client.call(.get, "/admin/v1/users/nobody/facts", key: admin).status == .notFound)
        }
    }

    @Test func documentsUploadedAreRetrievedThenRemoved() async throws {
        let sandbox = try ServerSandbox()
        let admin = try await sandbox.key("acme", .admin)
        let chat = try await sandbox.key("acme")
        try await sandbox.test { client in
            let markdown =
                "# Travel Policy\n\n## Trains\n\nEmployees travel first class on trains longer than four hours."
            let upload = try await client.call(
                .post, "/admin/v1/documents?name=travel.md&collection=policies", key: admin, raw: markdown)
            #expect(upload.status == .created, "\(upload.text)")
            let document = try upload.object()
            #expect(document["title"] as? String == "Travel Policy")
            #expect(document["collection"] as? String == "policies")
            #expect(document["format"] as? String == "markdown")
            #expect((document["chunk_count"] as? Int ?? 0) >= 1)
            let id = try #require(document["id"] as? Int)

            let answer = try await client.chat(key: chat, user: "u", "Do employees travel first class on trains?")
            #expect(try answer.reply().contains("first class"), "the uploaded document is retrieved")

            let listed = try await client.call(.get, "/admin/v1/documents?collection=policies", key: admin)
            #expect((try listed.object()["data"] as? [Any])?.count == 1)
            #expect(try await client.call(.post, "/admin/v1/documents", key: admin, raw: "x").status == .badRequest)
            #expect(
                try await client.call(.post, "/admin/v1/documents?name=../x.md", key: admin, raw: "x").status
                    == .badRequest)
            let binary = try await client.call(
                .post, "/admin/v1/documents?name=blob.txt", key: admin, raw: "\u{0}\u{1}\u{2}\u{0}")
            #expect(binary.status == .badRequest)
            #expect(!binary.text.contains("mneme-upload"), "no temporary path in the message")
            #expect(try await client.call(.delete, "/admin/v1/documents/\(id)", key: admin).status == .noContent)
            #expect(try await client.call(.delete, "/admin/v1/documents/\(id)", key: admin).status == .notFound)
        }
    }

    @Test func examplesPersonasExplainErasureAndTuning() async throws {
        let sandbox = try ServerSandbox()
        let admin = try await sandbox.key("acme", .admin)
        try await sandbox.test { client in
            let added = try await client.call(
                .post, "/admin/v1/examples", key: admin,
                json: ["input": "Refunds?", "output": "Within 30 days.", "pinned": true])
            #expect(added.status == .created)
            let exampleID = try #require(try added.object()["id"] as? Int)
            let examples =
                try await client.call(.get, "/admin/v1/examples", key: admin).object()["data"] as? [[String: Any]]
            #expect(examples?.first?["output"] as? String == "Within 30 days.")
            #expect(
                try await client.call(.post, "/admin/v1/examples", key: admin, json: ["input": "x"]).status
                    == .badRequest)
            #expect(try await client.call(.delete, "/admin/v1/examples/\(exampleID)", key: admin).status == .noContent)

            let personas =
                try await client.call(.get, "/admin/v1/personas", key: admin).object()["data"] as? [[String: Any]]
            #expect(personas?.first?["id"] as? String == "assistant")
            #expect(personas?.first?["is_default"] as? Bool == true)

            #expect(try await client.call(.get, "/admin/v1/users/ada/turns/latest", key: admin).status == .notFound)
            _ = try await client.chat(key: admin, user: "ada", "My name is Ada.")
            let turn = try await client.call(.get, "/admin/v1/users/ada/turns/latest", key: admin).object()
            #expect(turn["status"] as? String == "complete")
            #expect((turn["trace"] as? [String: Any])?["entries"] is [Any])

            let erased = try await client.call(.delete, "/admin/v1/users/ada", key: admin)
            #expect(erased.status == .ok)
            #expect((try erased.object()["total_rows"] as? Int ?? 0) >= 4)
            #expect(try await client.call(.get, "/admin/v1/users/ada", key: admin).status == .notFound)

            // Tuning jobs: none yet; unknown jobs, bad requests and Anthropic are clear errors.
            let jobs = try await client.call(.get, "/admin/v1/tuning/jobs", key: admin).object()
            #expect((jobs["data"] as? [Any])?.isEmpty == true)
            let unknown = try await client.call(.get, "/admin/v1/tuning/jobs/42", key: admin)
            #expect(unknown.status == .notFound)
            #expect(try unknown.error()["code"] as? String == "tuning_job_not_found")
            let unregistered = try await client.call(.post, "/admin/v1/tuning/jobs/42/register", key: admin, json: [:])
            #expect(unregistered.status == .notFound)
            for (provider, fragment) in [("cohere", "openai"), ("anthropic", "no public fine-tuning API")] {
                let refused = try await client.call(
                    .post, "/admin/v1/tuning/jobs", key: admin,
                    json: ["provider": provider, "model": "m", "training_file": "/nonexistent.jsonl"])
                #expect(refused.status == .badRequest, "\(provider)")
                #expect((try refused.error()["message"] as? String)?.contains(fragment) == true, "\(provider)")
            }
        }
        #expect(try await sandbox.engine.store.user(tenant: "acme", externalID: "ada") == nil)
    }
}
