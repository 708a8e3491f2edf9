import Foundation
import MnemeProvidersTesting
import Testing

/// Whatever the upstream speaks (Anthropic, Gemini), the caller gets OpenAI's format; upstream
/// failures are OpenAI-shaped errors, before the first text as HTTP errors, after it as an error
/// event in the stream.
@Suite struct UpstreamTests {
    private func streamedText(_ events: [String]) throws -> String {
        try events.dropLast().compactMap { event -> String? in
            let chunk = try #require(try JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any])
            let choice = (chunk["choices"] as? [[String: Any]])?.first
            return (choice?["delta"] as? [String: Any])?["content"] as? String
        }.joined()
    }

    @Test func anthropicAndGeminiUpstreamsStreamAsOpenAIChunks() async throws {
        let answer = StubAnswer(text: "Twenty-seven working days.", promptTokens: 900, completionTokens: 6)
        let anthropic = try AnthropicStub { _ in .answer(answer) }
        defer { anthropic.shutdown() }
        let gemini = try GeminiStub { _ in .answer(answer) }
        defer { gemini.shutdown() }
        let upstreams: [(String, [String: String])] = [
            ("anthropic:", ["ANTHROPIC_API_KEY": "sk-ant-secret", "ANTHROPIC_BASE_URL": anthropic.baseURL]),
            ("gemini:", ["GEMINI_API_KEY": "gm-secret", "GOOGLE_GEMINI_BASE_URL": gemini.baseURL]),
        ]
        for (provider, environment) in upstreams {
            let sandbox = try ServerSandbox(engine: { $0.environment = environment })
            let key = try await sandbox.key("acme")
            try await sandbox.test { client in
                let response = try await client.chat(
                    key: key, user: "u", "How many vacation days?", stream: true,
                    extra: ["stream_options": ["include_usage": true]])
                #expect(response.status == .ok, "\(provider) \(response.text)")
                #expect(response.events.last == "[DONE]")
                #expect(try streamedText(response.events) == "Twenty-seven working days.")
                let first = try #require(
                    try JSONSerialization.jsonObject(with: Data(response.events[0].utf8)) as? [String: Any])
                #expect((first["model"] as? String)?.hasPrefix(provider) == true)
                #expect(first["object"] as? String == "chat.completion.chunk")
                #expect(response.text.contains("\"prompt_tokens\":900"))
                #expect(!response.text.contains("secret"))
            }
        }
    }

    @Test func upstreamFailuresAreOpenAIErrors() async throws {
        let refusing = try AnthropicStub { _ in
            .error(status: 401, type: "authentication_error", message: "invalid x-api-key")
        }
        defer { refusing.shutdown() }
        let sandbox = try ServerSandbox(engine: {
            $0.environment = ["ANTHROPIC_API_KEY": "sk-ant-secret", "ANTHROPIC_BASE_URL": refusing.baseURL]
        })
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            for stream in [false, true] {
                let response = try await client.chat(key: key, user: "u", "Hello", stream: stream)
                #expect(response.status == .badGateway, "\(response.text)")
                let error = try response.error()
                #expect(error["type"] as? String == "upstream_error")
                #expect(!response.text.contains("sk-ant-secret"))
            }
        }

        let breaking = try AnthropicStub { _ in
            .streamError(beforeError: ["Twenty", "-seven"], type: "overloaded_error", message: "Overloaded")
        }
        defer { breaking.shutdown() }
        let midStream = try ServerSandbox(engine: {
            $0.environment = ["ANTHROPIC_API_KEY": "sk-ant-secret", "ANTHROPIC_BASE_URL": breaking.baseURL]
        })
        let chat = try await midStream.key("acme")
        try await midStream.test { client in
            let response = try await client.chat(key: chat, user: "u", "Hello", stream: true)
            #expect(response.status == .ok)
            let last = try #require(response.events.last)
            let error = try #require(
                (try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])?["error"] as? [String: Any])
            #expect(error["type"] as? String == "upstream_error")
            #expect(!response.text.contains("[DONE]"))
            #expect(response.text.contains("Twenty"))
        }
        let user = try #require(try await midStream.engine.store.user(tenant: "acme", externalID: "u"))
        #expect(try await midStream.engine.store.turn(nil, for: user.scope)?.status == .partial)
    }
}
