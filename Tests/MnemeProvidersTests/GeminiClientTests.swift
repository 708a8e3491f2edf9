import MnemeHTTP
import MnemeProviders
import MnemeProvidersTesting
import Testing

@Suite struct GeminiClientTests {
    func client(_ stub: GeminiStub, retry: RetryPolicy = .none) -> GeminiClient {
        GeminiClient(
            configuration: .init(endpoint: .geminiAPI(apiKey: Secret(testKey), baseURL: stub.baseURL)),
            http: sharedHTTP,
            retry: retry)
    }

    @Test func sendsDocumentedRequest() async throws {
        let stub = try GeminiStub { _ in
            .answer(StubAnswer(text: "4", promptTokens: 12, completionTokens: 1, model: "gemini-x-001"))
        }
        let request = ChatRequest(
            model: "gemini-2.5-flash", system: "Be terse.",
            messages: [
                .init(role: .user, text: "Hi"), .init(role: .assistant, text: "Hello."),
                .init(role: .user, text: "2+2?"),
            ],
            maxOutputTokens: 256, temperature: 0.2)
        let answer = try await client(stub).complete(request)
        #expect(answer.text == "4")
        #expect(answer.model == "gemini-x-001")
        #expect(answer.usage?.promptTokens == 12)
        let sent = try #require(stub.requests.first)
        #expect(sent.target == "/v1beta/models/gemini-2.5-flash:generateContent")
        #expect(sent.header("x-goog-api-key") == testKey)
        #expect(!sent.target.contains("key="))
        let body = try jsonObject(sent.body)
        #expect(
            (body["systemInstruction"] as? [String: Any]).flatMap { $0["parts"] as? [[String: String]] } == [
                ["text": "Be terse."]
            ])
        let contents = try #require(body["contents"] as? [[String: Any]])
        #expect(contents.map { $0["role"] as? String } == ["user", "model", "user"])
        let config = try #require(body["generationConfig"] as? [String: Any])
        #expect(config["maxOutputTokens"] as? Int == 256)
        #expect(config["temperature"] as? Double == 0.2)
    }

    @Test func streamsWithAltSSE() async throws {
        let stub = try GeminiStub { _ in .answer(StubAnswer(text: "Two plus two", promptTokens: 5, completionTokens: 3))
        }
        let (received, error) = await events(of: client(stub).stream(userRequest(model: "tunedModels/my-model")))
        #expect(error == nil)
        #expect(text(of: received) == "Two plus two")
        #expect(
            received.suffix(2) == [
                .usage(Usage(promptTokens: 5, completionTokens: 3, cachedTokens: 0)), .finished(.stop),
            ])
        #expect(stub.requests.first?.target == "/v1beta/tunedModels/my-model:streamGenerateContent?alt=sse")
    }

    @Test func honoursRetryDelayAndMapsErrors() async throws {
        let script = ReplyScript(
            [.error(status: 429, type: "RESOURCE_EXHAUSTED", message: "Quota exceeded", code: "3s")], then: .text("ok"))
        let stub = try GeminiStub { _ in script.next() }
        let recorder = RetryRecorder()
        #expect(try await client(stub, retry: recorder.policy()).complete(userRequest(model: "gemini-x")).text == "ok")
        #expect(recorder.delays == [.seconds(3)])

        let badKey = try GeminiStub { _ in
            .error(status: 400, type: "INVALID_ARGUMENT", message: "API key not valid. Please pass a valid API key.")
        }
        let error = try #require(
            await providerError { _ = try await client(badKey).complete(userRequest(model: "gemini-x")) })
        #expect(error.code == .authentication)
        #expect(!error.description.contains(testKey))

        let blocked = try GeminiStub { _ in .raw(.json(#"{"promptFeedback":{"blockReason":"SAFETY"}}"#)) }
        #expect(
            await providerError { _ = try await client(blocked).complete(userRequest(model: "gemini-x")) }?.code
                == .contentFiltered)

        let midStream = try GeminiStub { _ in
            .streamError(beforeError: ["Some "], type: "UNAVAILABLE", message: "overloaded", status: 503)
        }
        let (partial, streamError) = await events(
            of: client(midStream, retry: recorder.policy()).stream(userRequest(model: "gemini-x")))
        #expect(text(of: partial) == "Some ")
        #expect(streamError?.code == .overloaded)
        #expect(midStream.requests.count == 1)

        let wrapped = try GeminiStub { _ in
            .raw(
                .json(
                    #"[{"error":{"code":404,"message":"Publisher model not found","status":"NOT_FOUND"}}]"#, status: 404
                ))
        }
        #expect(
            await providerError { _ = try await client(wrapped).complete(userRequest(model: "gemini-x")) }?.code
                == .notFound)
    }

    @Test func vertexURLShapesAndBearerToken() async throws {
        let stub = try GeminiStub { _ in .text("from vertex") }
        let vertex = GeminiClient(
            configuration: .init(
                endpoint: .vertex(
                    project: "my-proj", location: "europe-west4", credentials: .token(Secret("ya29.TOKEN-abcdefgh")),
                    baseURL: stub.baseURL, userProject: "billing-proj")),
            http: sharedHTTP, retry: .none)
        #expect(try await vertex.complete(userRequest(model: "gemini-2.5-flash")).text == "from vertex")
        var sent = try #require(stub.requests.last)
        #expect(
            sent.target
                == "/v1/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent"
        )
        #expect(sent.header("Authorization") == "Bearer ya29.TOKEN-abcdefgh")
        #expect(sent.header("x-goog-user-project") == "billing-proj")
        #expect(sent.header("x-goog-api-key") == nil)

        let endpoint = "projects/123/locations/europe-west4/endpoints/456"
        _ = await events(of: vertex.stream(userRequest(model: endpoint)))
        sent = try #require(stub.requests.last)
        #expect(sent.target == "/v1/\(endpoint):streamGenerateContent?alt=sse")

        let defaultHost = GeminiClient(
            configuration: .init(
                endpoint: .vertex(project: "p", location: "us-central1", credentials: .token(Secret("t")))),
            http: sharedHTTP)
        let url = try await defaultHost.httpRequest(for: userRequest(model: "gemini-2.5-pro"), streaming: false).url
        #expect(
            url
                == "https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent"
        )
        let global = GeminiClient(
            configuration: .init(endpoint: .vertex(project: "p", location: "global", credentials: .token(Secret("t")))),
            http: sharedHTTP)
        #expect(
            try await global.httpRequest(for: userRequest(model: "m"), streaming: true).url
                == "https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/m:streamGenerateContent?alt=sse"
        )
    }
}
