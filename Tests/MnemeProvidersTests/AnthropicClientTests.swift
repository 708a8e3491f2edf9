import MnemeHTTP
import MnemeProviders
import MnemeProvidersTesting
import Testing

@Suite struct AnthropicClientTests {
    func client(
        _ stub: AnthropicStub, auth: AnthropicClient.AuthStyle = .apiKey, version: String = "2023-06-01",
        retry: RetryPolicy = .none
    ) -> AnthropicClient {
        AnthropicClient(
            configuration: .init(apiKey: Secret(testKey), baseURL: stub.baseURL, auth: auth, version: version),
            http: sharedHTTP, retry: retry)
    }

    @Test func sendsHeadersAndAlternatingTurns() async throws {
        let stub = try AnthropicStub { _ in
            .answer(StubAnswer(text: "4", promptTokens: 20, completionTokens: 5, cachedTokens: 4))
        }
        let request = ChatRequest(
            model: "claude-sonnet-4-5", system: "Be terse.",
            messages: [
                .init(role: .assistant, text: "Welcome back."), .init(role: .user, text: "Hi"),
                .init(role: .user, text: "Still there?"), .init(role: .assistant, text: "Yes."),
                .init(role: .user, text: "2+2?"),
            ], temperature: 0.3, user: "u-9")
        let answer = try await client(stub).complete(request)
        #expect(answer.text == "4")
        #expect(answer.usage == Usage(promptTokens: 20, completionTokens: 5, cachedTokens: 4))
        let sent = try #require(stub.requests.first)
        #expect(sent.path == "/v1/messages")
        #expect(sent.header("x-api-key") == testKey)
        #expect(sent.header("anthropic-version") == "2023-06-01")
        #expect(sent.header("Authorization") == nil)
        let body = try jsonObject(sent.body)
        #expect(body["system"] as? String == "Be terse.")
        #expect(body["max_tokens"] as? Int == 4096)
        #expect(body["temperature"] as? Double == 0.3)
        #expect((body["metadata"] as? [String: String]) == ["user_id": "u-9"])
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(
            messages == [
                ["role": "user", "content": "(conversation continued)"],
                ["role": "assistant", "content": "Welcome back."],
                ["role": "user", "content": "Hi\n\nStill there?"], ["role": "assistant", "content": "Yes."],
                ["role": "user", "content": "2+2?"],
            ])
    }

    @Test func bearerAuthAndNewVersionDropTemperature() async throws {
        let stub = try AnthropicStub { _ in .text("ok") }
        var request = userRequest(model: "claude-x")
        request.temperature = 0.5
        _ = try await client(stub, auth: .bearer, version: "2026-10-21").complete(request)
        let sent = try #require(stub.requests.first)
        #expect(sent.header("Authorization") == "Bearer \(testKey)")
        #expect(sent.header("x-api-key") == nil)
        #expect(sent.header("anthropic-version") == "2026-10-21")
        #expect(try jsonObject(sent.body)["temperature"] == nil)
    }

    @Test func streamsEventTypedSSE() async throws {
        let stub = try AnthropicStub { _ in
            .answer(
                StubAnswer(text: "Hello there friend", finishReason: "max_tokens", promptTokens: 9, completionTokens: 3)
            )
        }
        let (received, error) = await events(of: client(stub).stream(userRequest(model: "claude-x")))
        #expect(error == nil)
        #expect(text(of: received) == "Hello there friend")
        #expect(
            received.suffix(2) == [
                .usage(Usage(promptTokens: 9, completionTokens: 3, cachedTokens: 0)), .finished(.length),
            ])
        #expect(try jsonObject(try #require(stub.requests.first).body)["stream"] as? Bool == true)
    }

    @Test func overloaded529AndErrorAfter200AreRetried() async throws {
        let script = ReplyScript(
            [
                .error(status: 529, type: "overloaded_error", message: "Overloaded"),
                .streamError(beforeError: [], type: "overloaded_error", message: "Overloaded"),
            ], then: .text("finally"))
        let stub = try AnthropicStub { _ in script.next() }
        let recorder = RetryRecorder()
        let (received, error) = await events(
            of: client(stub, retry: recorder.policy()).stream(userRequest(model: "claude-x")))
        #expect(error == nil)
        #expect(text(of: received) == "finally")
        #expect(stub.requests.count == 3)
        #expect(recorder.notices.first?.hasPrefix("anthropic: overloaded — retrying in") == true)
    }

    @Test func errorAfterTextIsReportedNotRetried() async throws {
        let stub = try AnthropicStub { _ in
            .streamError(beforeError: ["Par", "tial"], type: "overloaded_error", message: "Overloaded")
        }
        let recorder = RetryRecorder()
        let (received, error) = await events(
            of: client(stub, retry: recorder.policy()).stream(userRequest(model: "claude-x")))
        #expect(text(of: received) == "Partial")
        #expect(error?.code == .overloaded)
        #expect(error?.status == 200)
        #expect(stub.requests.count == 1)
    }

    @Test func mapsErrorTypes() async throws {
        let cases: [(Int, String, String, ProviderError.Code)] = [
            (401, "authentication_error", "invalid x-api-key \(testKey)", .authentication),
            (400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum", .contextTooLong),
            (404, "not_found_error", "model: claude-old", .notFound),
            (429, "rate_limit_error", "slow down", .rateLimited),
            (402, "billing_error", "credit balance too low", .quotaExceeded),
        ]
        for (status, type, message, code) in cases {
            let stub = try AnthropicStub { _ in .error(status: status, type: type, message: message) }
            let error = try #require(
                await providerError { _ = try await client(stub).complete(userRequest(model: "claude-x")) })
            #expect(error.code == code)
            #expect(error.requestID == "req_stub")
            #expect(!error.description.contains(testKey))
        }
    }

    @Test func streamCutBeforeMessageStopIsAnError() async throws {
        let stub = try AnthropicStub { _ in
            .raw(
                .stream(
                    [
                        .text(
                            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
                        )
                    ],
                    contentType: "text/event-stream"))
        }
        let (received, error) = await events(of: client(stub).stream(userRequest(model: "claude-x")))
        #expect(text(of: received) == "Hi")
        #expect(error?.code == .network)
    }
}
