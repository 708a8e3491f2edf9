import Foundation
import HTTPTypes
import Testing

/// The streamed format: OpenAI `chat.completion.chunk` events, role first, finish reason last,
/// usage when asked, `[DONE]` at the end; the text equals the non-streamed reply.
@Suite struct StreamingTests {
    private func chunks(_ events: [String]) throws -> [[String: Any]] {
        try events.dropLast().map { event in
            try #require(try JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any], "\(event)")
        }
    }

    @Test func aStreamedReplyHasOpenAIsChunkFormat() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            let whole = try await client.chat(key: key, user: "whole", "Hi, my name is Ada.")
            let response = try await client.chat(
                key: key, user: "streamed", "Hi, my name is Ada.", stream: true,
                extra: ["stream_options": ["include_usage": true]])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            #expect(response.headers[HTTPField.Name("X-Mneme-Session")!]?.hasPrefix("chat-") == true)
            let events = response.events
            #expect(events.last == "[DONE]")
            let chunks = try chunks(events)
            #expect(chunks.count >= 4)
            #expect(Set(chunks.compactMap { $0["id"] as? String }).count == 1, "one id for the whole stream")
            #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" })
            #expect(chunks.allSatisfy { ($0["model"] as? String)?.isEmpty == false })
            let choices = chunks.map { $0["choices"] as? [[String: Any]] ?? [] }
            let first = try #require(choices.first?.first)
            #expect((first["delta"] as? [String: Any])?["role"] as? String == "assistant")
            #expect(choices.dropLast().allSatisfy { $0.count == 1 && $0[0]["index"] as? Int == 0 })
            let text = choices.dropLast().compactMap { ($0.first?["delta"] as? [String: Any])?["content"] as? String }
                .joined()
            #expect(text == (try whole.reply()))
            let finishes = choices.compactMap { $0.first?["finish_reason"] as? String }
            #expect(finishes == ["stop"], "only the last content chunk has a finish reason")
            let usageChunk = try #require(chunks.last)
            #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
            let usage = try #require(usageChunk["usage"] as? [String: Any])
            #expect((usage["prompt_tokens"] as? Int ?? 0) > 0)
            #expect(
                usage["total_tokens"] as? Int == (usage["prompt_tokens"] as? Int ?? 0)
                    + (usage["completion_tokens"] as? Int ?? 0))
            #expect(chunks.dropLast().allSatisfy { $0["usage"] is NSNull }, "usage is null until the last chunk")
        }
    }

    @Test func withoutIncludeUsageNoChunkCarriesUsage() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            let response = try await client.chat(key: key, user: "u", "Hello there", stream: true)
            let chunks = try chunks(response.events)
            #expect(chunks.allSatisfy { $0["usage"] == nil })
            #expect(chunks.allSatisfy { ($0["choices"] as? [Any])?.count == 1 })
            let mneme = try #require(chunks.last?["mneme"] as? [String: Any])
            #expect(mneme["turn"] as? Int != nil, "the last chunk names the stored turn")
        }
    }

    @Test func theSessionHeaderContinuesAConversation() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        let session = HTTPField.Name("X-Mneme-Session")!
        try await sandbox.test { client in
            let first = try await client.chat(
                key: key, user: "ada", "Hello", stream: true, headers: [session: "conv-1"])
            #expect(first.headers[session] == "conv-1")
            let second = try await client.chat(key: key, user: "ada", "Thanks", headers: [session: "conv-1"])
            #expect(second.headers[session] == "conv-1")
            let third = try await client.chat(
                key: key, user: "ada", "Again", extra: ["metadata": ["mneme_session": "conv-1"]])
            #expect(third.headers[session] == "conv-1")
        }
        let user = try #require(try await sandbox.engine.store.user(tenant: "acme", externalID: "ada"))
        let sessions = try await sandbox.engine.store.sessions(for: user.scope)
        #expect(sessions.count == 1)
        #expect(sessions.first?.session.externalID == "conv-1")
        #expect(sessions.first?.messageCount == 6)
    }
}
