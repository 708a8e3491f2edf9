import Foundation
import MnemeHTTP
import MnemeHTTPTesting
import MnemeProviders
import MnemeProvidersTesting
import Testing

@Suite struct OpenAIClientTests {
    func client(_ stub: OpenAIStub, retry: RetryPolicy = .none, timeout: Duration? = nil) -> OpenAIClient {
        var configuration = OpenAIClient.Configuration.openAI(apiKey: Secret(testKey), baseURL: stub.baseURL)
        configuration.timeout = timeout
        return OpenAIClient(configuration: configuration, http: sharedHTTP, retry: retry)
    }

    @Test func sendsDocumentedRequestAndReadsAnswer() async throws {
        let stub = try OpenAIStub { _ in
            .answer(StubAnswer(text: "4", promptTokens: 21, completionTokens: 1, cachedTokens: 5))
        }
        var request = ChatRequest(
            model: "gpt-4o-mini", system: "Be terse.",
            messages: [
                .init(role: .user, text: "Hi"), .init(role: .assistant, text: "Hello."),
                .init(role: .user, text: "2+2?"),
            ],
            maxOutputTokens: 256, temperature: 0.2, stop: ["END"], user: "u-1")
        request.grounding = Grounding(userName: "ignored")
        let answer = try await client(stub).complete(request)
        #expect(answer.text == "4")
        #expect(answer.finishReason == .stop)
        #expect(answer.usage == Usage(promptTokens: 21, completionTokens: 1, cachedTokens: 5))
        #expect(answer.model == "gpt-4o-mini")

        let sent = try #require(stub.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.header("Authorization") == "Bearer \(testKey)")
        #expect(sent.header("Content-Type") == "application/json")
        let body = try jsonObject(sent.body)
        #expect(body["model"] as? String == "gpt-4o-mini")
        #expect(body["max_completion_tokens"] as? Int == 256)
        #expect(body["max_tokens"] == nil)
        #expect(body["temperature"] as? Double == 0.2)
        #expect(body["stop"] as? [String] == ["END"])
        #expect(body["user"] as? String == "u-1")
        #expect(body["stream"] == nil)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(
            messages == [
                ["role": "system", "content": "Be terse."], ["role": "user", "content": "Hi"],
                ["role": "assistant", "content": "Hello."], ["role": "user", "content": "2+2?"],
            ])
    }

    @Test func streamsWithUsageAndFineTunedModel() async throws {
        let model = "ft:gpt-4o-mini-2024-07-18:acme:support:7q8mpxmy"
        let stub = try OpenAIStub { _ in
            .answer(StubAnswer(text: "Refunds take five days.", promptTokens: 30, completionTokens: 6))
        }
        let (received, error) = await events(of: client(stub).stream(userRequest("Refunds?", model: model)))
        #expect(error == nil)
        #expect(text(of: received) == "Refunds take five days.")
        #expect(received.filter { if case .delta = $0 { true } else { false } }.count == 4)
        #expect(
            received.suffix(2) == [
                .usage(Usage(promptTokens: 30, completionTokens: 6, cachedTokens: 0)), .finished(.stop),
            ])
        let body = try jsonObject(try #require(stub.requests.first).body)
        #expect(body["model"] as? String == model)
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Bool]) == ["include_usage": true])
    }

    @Test func mapsFinishReasonsAndRefusal() async throws {
        let stub = try OpenAIStub { _ in .answer(StubAnswer(text: "cut", finishReason: "length")) }
        #expect(try await client(stub).complete(userRequest()).finishReason == .length)
        let filtered = try OpenAIStub { _ in .answer(StubAnswer(text: "x", finishReason: "content_filter")) }
        let (received, _) = await events(of: client(filtered).stream(userRequest()))
        #expect(received.last == .finished(.contentFilter))
    }

    @Test func retriesRateLimitHonouringRetryAfter() async throws {
        let script = ReplyScript(
            [
                .error(
                    status: 429, type: "requests", message: "Rate limit reached", code: "rate_limit_exceeded",
                    headers: [("retry-after", "2")])
            ],
            then: .text("ok"))
        let stub = try OpenAIStub { _ in script.next() }
        let recorder = RetryRecorder()
        let answer = try await client(stub, retry: recorder.policy()).complete(userRequest())
        #expect(answer.text == "ok")
        #expect(stub.requests.count == 2)
        #expect(recorder.delays == [.seconds(2)])
        #expect(recorder.notices == ["openai: rate limited — retrying in 2 s (attempt 2 of 3)"])
    }

    @Test func retryAfterMillisecondsWinsAndBackoffIsCapped() async throws {
        let script = ReplyScript(
            [
                .error(
                    status: 500, type: "server_error", message: "boom",
                    headers: [("retry-after-ms", "250"), ("retry-after", "9")]),
                .error(status: 503, type: "server_error", message: "boom"),
            ], then: .text("ok"))
        let stub = try OpenAIStub { _ in script.next() }
        let recorder = RetryRecorder()
        _ = try await client(stub, retry: recorder.policy()).complete(userRequest())
        // First: the server's 250 ms; second: backoff 0.5 s · 2¹ = 1 s (jitter 0 with random() == 0).
        #expect(recorder.delays == [.milliseconds(250), .seconds(1)])
    }

    @Test func givesUpAfterMaxAttemptsAndDoesNotRetryClientErrors() async throws {
        let stub = try OpenAIStub { _ in .error(status: 500, type: "server_error", message: "down") }
        let recorder = RetryRecorder()
        let error = await providerError { _ = try await client(stub, retry: recorder.policy()).complete(userRequest()) }
        #expect(error?.code == .server)
        #expect(stub.requests.count == 3)

        let bad = try OpenAIStub { _ in .error(status: 400, type: "invalid_request_error", message: "bad 'messages'") }
        let badError = await providerError {
            _ = try await client(bad, retry: recorder.policy()).complete(userRequest())
        }
        #expect(badError?.code == .badRequest)
        #expect(bad.requests.count == 1)

        let quota = try OpenAIStub { _ in
            .error(
                status: 429, type: "insufficient_quota", message: "You exceeded your current quota",
                code: "insufficient_quota")
        }
        let quotaError = await providerError {
            _ = try await client(quota, retry: recorder.policy()).complete(userRequest())
        }
        #expect(quotaError?.code == .quotaExceeded)
        #expect(quota.requests.count == 1)

        let tooLong = try OpenAIStub { _ in
            .error(status: 429, type: "requests", message: "slow", headers: [("retry-after", "600")])
        }
        let tooLongError = await providerError {
            _ = try await client(tooLong, retry: recorder.policy()).complete(userRequest())
        }
        #expect(tooLongError?.retryAfter == .seconds(600))
        #expect(tooLong.requests.count == 1)

        let forced = try OpenAIStub { _ in
            .error(status: 400, type: "x", message: "retry me", headers: [("x-should-retry", "true")])
        }
        _ = await providerError { _ = try await client(forced, retry: recorder.policy()).complete(userRequest()) }
        #expect(forced.requests.count == 3)
    }

    @Test func mapsErrorsWithoutLeakingTheKey() async throws {
        let stub = try OpenAIStub { _ in
            .error(
                status: 401, type: "invalid_request_error", message: "Incorrect API key provided: \(testKey).",
                code: "invalid_api_key")
        }
        let error = try #require(await providerError { _ = try await client(stub).complete(userRequest()) })
        #expect(error.code == .authentication)
        #expect(error.status == 401)
        #expect(error.requestID == "req_stub")
        #expect(!error.description.contains(testKey))
        #expect(!error.description.contains("SECRET-0123"))
        #expect(error.description.contains("check the API key"))

        let long = try OpenAIStub { _ in
            .error(
                status: 400, type: "invalid_request_error",
                message: "This model's maximum context length is 128000 tokens.",
                code: "context_length_exceeded")
        }
        #expect(await providerError { _ = try await client(long).complete(userRequest()) }?.code == .contextTooLong)
        let gone = try OpenAIStub { _ in
            .error(
                status: 404, type: "invalid_request_error", message: "The model does not exist", code: "model_not_found"
            )
        }
        #expect(await providerError { _ = try await client(gone).complete(userRequest()) }?.code == .notFound)
        let filtered = try OpenAIStub { _ in
            .error(status: 400, type: "invalid_request_error", message: "filtered", code: "content_filter")
        }
        #expect(
            await providerError { _ = try await client(filtered).complete(userRequest()) }?.code == .contentFiltered)
    }

    @Test func errorInsideStreamBeforeTextIsRetriedAfterTextIsNot() async throws {
        let script = ReplyScript(
            [.streamError(beforeError: [], type: "server_error", message: "hiccup")], then: .text("fine now"))
        let stub = try OpenAIStub { _ in script.next() }
        let recorder = RetryRecorder()
        let (received, error) = await events(of: client(stub, retry: recorder.policy()).stream(userRequest()))
        #expect(error == nil)
        #expect(text(of: received) == "fine now")
        #expect(stub.requests.count == 2)

        let late = try OpenAIStub { _ in
            .streamError(beforeError: ["Half ", "an "], type: "server_error", message: "boom")
        }
        let (partial, lateError) = await events(of: client(late, retry: recorder.policy()).stream(userRequest()))
        #expect(text(of: partial) == "Half an ")
        #expect(lateError?.code == .server)
        #expect(lateError?.isRetryable == false)
        #expect(late.requests.count == 1)
    }

    @Test func connectionDropAndMalformedJSON() async throws {
        let dropped = try OpenAIStub { _ in
            .raw(
                .stream(
                    [
                        .text("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"),
                        .dropConnection,
                    ],
                    contentType: "text/event-stream"))
        }
        let recorder = RetryRecorder()
        let (partial, error) = await events(of: client(dropped, retry: recorder.policy()).stream(userRequest()))
        #expect(text(of: partial) == "Hel")
        #expect(error?.code == .network)
        #expect(dropped.requests.count == 1)

        let closed = try OpenAIStub { _ in .raw(TestResponse(body: .closeWithoutResponse)) }
        let closedError = await providerError {
            _ = try await client(closed, retry: recorder.policy()).complete(userRequest())
        }
        #expect(closedError?.code == .network)
        #expect(closed.requests.count == 3)

        let malformed = try OpenAIStub { _ in .raw(.json("{\"choices\": [ {\"message\": ")) }
        let malformedError = await providerError { _ = try await client(malformed).complete(userRequest()) }
        #expect(malformedError?.code == .invalidResponse)

        let badChunk = try OpenAIStub { _ in .raw(.sse(["{not json}"])) }
        let (_, chunkError) = await events(of: client(badChunk).stream(userRequest()))
        #expect(chunkError?.code == .invalidResponse)

        let noDone = try OpenAIStub { _ in .raw(.sse(["{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"])) }
        let (_, truncated) = await events(of: client(noDone).stream(userRequest()))
        #expect(truncated?.code == .network)
    }

    @Test func endlessStreamIsCutByTheTimeout() async throws {
        var steps: [TestResponse.Step] = []
        for _ in 0..<100_000 {
            steps.append(.text("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"la \"}}]}\n\n"))
            steps.append(.delay(.milliseconds(2)))
        }
        let stub = try OpenAIStub { [steps] _ in .raw(.stream(steps, contentType: "text/event-stream")) }
        let (received, error) = await events(of: client(stub, timeout: .milliseconds(400)).stream(userRequest()))
        #expect(!received.isEmpty)
        #expect(error?.code == .timeout)
        stub.shutdown()
    }

    @Test func stalledServerHitsIdleTimeoutAndIsRetried() async throws {
        let stub = try OpenAIStub { _ in .raw(.stall) }
        var configuration = OpenAIClient.Configuration.openAI(apiKey: Secret(testKey), baseURL: stub.baseURL)
        configuration.idleTimeout = .milliseconds(150)
        let recorder = RetryRecorder()
        let client = OpenAIClient(
            configuration: configuration, http: sharedHTTP, retry: recorder.policy(maxAttempts: 2))
        let error = await providerError { _ = try await client.complete(userRequest()) }
        #expect(error?.code == .timeout)
        #expect(stub.requests.count == 2)
        stub.shutdown()
    }

    @Test func abandoningAStreamClosesTheConnection() async throws {
        let gate = TestGate()
        let stub = try OpenAIStub { _ in
            .raw(
                .stream(
                    [
                        .text("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}}]}\n\n"), .open(gate),
                        .stall,
                    ],
                    contentType: "text/event-stream"))
        }
        for try await event in client(stub).stream(userRequest()) {
            if case .delta = event { break }
        }
        await gate.wait()
        var waited = 0
        while stub.server.clientDisconnects == 0 && waited < 500 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(stub.server.clientDisconnects == 1)
    }

    @Test func compatibleServersAndAzure() async throws {
        let stub = try OpenAIStub { _ in .text("local") }
        let port = stub.server.port
        let ollama = OpenAIClient(configuration: .ollama(host: "0.0.0.0:\(port)"), http: sharedHTTP, retry: .none)
        var request = userRequest(model: "llama3.2:3b")
        request.maxOutputTokens = 64
        #expect(try await ollama.complete(request).text == "local")
        let sent = try #require(stub.requests.last)
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.header("Authorization") == nil)
        let body = try jsonObject(sent.body)
        #expect(body["max_tokens"] as? Int == 64)
        #expect(body["max_completion_tokens"] == nil)

        let azure = OpenAIClient(
            configuration: .azure(
                endpoint: stub.server.baseURL + "/", deployment: "gpt4o", apiVersion: "2024-10-21",
                apiKey: Secret(testKey)),
            http: sharedHTTP, retry: .none)
        _ = try await azure.complete(userRequest())
        let azureRequest = try #require(stub.requests.last)
        #expect(azureRequest.target == "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21")
        #expect(azureRequest.header("api-key") == testKey)
        #expect(azureRequest.header("Authorization") == nil)

        // A server that ignores `stream: true` and answers with JSON still streams correctly.
        let (received, error) = await events(of: ollama.stream(request))
        #expect(error == nil)
        #expect(text(of: received) == "local")
        #expect(received.last == .finished(.stop))
    }

    @Test func ollamaHostForms() {
        #expect(OpenAIClient.Configuration.ollama().baseURL == "http://127.0.0.1:11434/v1")
        #expect(OpenAIClient.Configuration.ollama(host: "gpu-box").baseURL == "http://gpu-box:11434/v1")
        #expect(OpenAIClient.Configuration.ollama(host: "http://gpu-box:9999/").baseURL == "http://gpu-box:9999/v1")
        #expect(OpenAIClient.Configuration.ollama(host: "0.0.0.0").baseURL == "http://127.0.0.1:11434/v1")
    }

    @Test func rejectsTooManyStopSequences() async throws {
        let stub = try OpenAIStub { _ in .text("x") }
        var request = userRequest()
        request.stop = ["a", "b", "c", "d", "e"]
        #expect(await providerError { _ = try await client(stub).complete(request) }?.code == .badRequest)
        #expect(stub.requests.isEmpty)
    }
}
