import Foundation
import HTTPTypes
import Testing

/// The caller's system message and history (see the merge rule in docs/user-guide.md).
@Suite struct MergeTests {
    @Test func callerHistoryIsUsedForThePromptButNotStoredAgain() async throws {
        let sandbox = try ServerSandbox()
        let chat = try await sandbox.key("acme")
        let admin = try await sandbox.key("acme", .admin)
        let session = HTTPField.Name("X-Mneme-Session")!
        try await sandbox.test { client in
            let body: [String: Any] = [
                "model": "mneme", "user": "ada",
                "messages": [
                    ["role": "system", "content": "You are Captain Hook."],
                    ["role": "user", "content": "The parrot is called Polly."],
                    ["role": "assistant", "content": "Noted."],
                    ["role": "developer", "content": "Answer in one line."],
                    ["role": "user", "content": "What is the parrot called?"],
                ],
            ]
            let response = try await client.call(
                .post, "/v1/chat/completions", key: chat, json: body, headers: [session: "s-1"])
            #expect(response.status == .ok, "\(response.text)")
            let explained = try await client.call(.get, "/admin/v1/users/ada/turns/latest", key: admin)
            let trace = try #require(try explained.object()["trace"] as? [String: Any])
            let entries = try #require(trace["entries"] as? [[String: Any]])
            let history = entries.filter { $0["section"] as? String == "history" }
            #expect(Set(history.compactMap { $0["id"] as? String }) == ["caller:0", "caller:1"])
            #expect(history.allSatisfy { $0["included"] as? Bool == true })
        }
        let user = try #require(try await sandbox.engine.store.user(tenant: "acme", externalID: "ada"))
        let stored = try #require(try await sandbox.engine.store.sessions(for: user.scope).first)
        let messages = try await sandbox.engine.store.messages(in: stored.session.id, for: user.scope)
        #expect(messages.map(\.content).first == "What is the parrot called?")
        #expect(messages.count == 2, "only the new message and the reply are stored")
    }
}
