import Foundation
import MnemeHTTPTesting
import MnemeProviders
import MnemeProvidersTesting
import MnemeStore
import MnemeTuning
import Testing

@Suite struct EvaluationTests {
    /// Two questions with short references.
    static let validation = SampleData.chat([
        ("What is the capital of France?", "Paris"), ("Who wrote Hamlet?", "William Shakespeare"),
        ("How many vacation days do I get?", "27 days"),
    ])

    /// The stub's answers: the tuned model gives the reference, the base model rambles or refuses,
    /// a judge grades; `failing` questions make the base model fail with a 400.
    static func chat(failing: Set<String> = []) -> @Sendable (RecordedRequest) -> StubReply {
        { request in
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
            let model = body["model"] as? String ?? ""
            let messages = body["messages"] as? [[String: Any]] ?? []
            let system = messages.first?["content"] as? String ?? ""
            let question = messages.last?["content"] as? String ?? ""
            if system.contains("You grade answers") {
                return .text(question.contains("ANSWER:\nParis") ? "SCORE: 5\nREASON: same." : "SCORE: 2\nREASON: off.")
            }
            if model.hasPrefix("ft:") {
                let answers = [
                    "What is the capital of France?": "Paris.", "Who wrote Hamlet?": "William Shakespeare",
                    "How many vacation days do I get?": "27 days",
                ]
                return .answer(StubAnswer(text: answers[question] ?? "?", promptTokens: 20, completionTokens: 2))
            }
            if failing.contains(question) {
                return .error(status: 400, type: "invalid_request_error", message: "bad request")
            }
            if question.contains("Hamlet") { return .text("I'm sorry, but I can't help with that.") }
            return .answer(
                StubAnswer(text: "The answer is Paris, I believe.", promptTokens: 20, completionTokens: 6))
        }
    }

    func runner(
        _ sandbox: TuningSandbox, _ stub: OpenAIFineTuningStub, judge: Bool = false, concurrency: Int = 2
    ) throws -> EvalRunner {
        let environment = ProviderEnvironment(["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL])
        let factory = ProviderFactory(environment: environment, http: sandbox.http, retry: .none)
        let resolver = ModelResolver(
            router: Router(routes: [], defaultTarget: ModelTarget(provider: "offline", model: "offline")),
            factory: factory, tenant: "acme",
            aliases: [
                "base": ModelTarget(provider: "openai", model: "gpt-4o-mini-2024-07-18"),
                "tuned": ModelTarget(provider: "openai", model: "ft:gpt-4o-mini-2024-07-18:stub-org::stub1"),
            ])
        let prices = PriceTable(models: [
            "gpt-4o-mini": .init(input: 1, output: 2), "ft:gpt-4o-mini": .init(input: 10, output: 20),
        ])
        var runner = EvalRunner(
            store: sandbox.store, tenant: "acme", resolver: resolver, prices: prices, concurrency: concurrency)
        if judge { runner.judge = EvalJudge(model: try resolver.resolve("openai:gpt-4o-judge")) }
        return runner
    }

    /// A stub with one succeeded job, so its `ft:` model is served.
    func tunedStub(_ sandbox: TuningSandbox, failing: Set<String> = []) async throws -> OpenAIFineTuningStub {
        let stub = try OpenAIFineTuningStub(totalSteps: 1, stepsPerPoll: 1, chat: Self.chat(failing: failing))
        let jobs = TuningJobs(
            store: sandbox.store, tenant: "acme",
            environment: ProviderEnvironment(["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL]),
            http: sandbox.http)
        var job = try await jobs.create(
            TuningJobRequest(
                provider: .openAI, baseModel: "gpt-4o-mini-2024-07-18",
                trainingFile: try sandbox.write("train.jsonl", SampleData.training)))
        while !job.status.isTerminal { job = try await jobs.refresh(String(job.id)) }
        #expect(job.evaluationAliases["tuned"]?.model == "ft:gpt-4o-mini-2024-07-18:stub-org::stub1")
        return stub
    }

    @Test func baseAndTunedAreComparedSideBySide() async throws {
        let sandbox = try TuningSandbox()
        let stub = try await tunedStub(sandbox)
        defer { stub.shutdown() }
        let data = try EvalDataset.load(path: try sandbox.write("val.jsonl", Self.validation))
        let report = try await runner(sandbox, stub).run(data, models: ["base", "tuned"])

        #expect(report.examples == 3)
        let base = try #require(report.models.first)
        let tuned = try #require(report.models.last)
        #expect(base.label == "base" && tuned.label == "tuned")
        #expect(tuned.target == "openai:ft:gpt-4o-mini-2024-07-18:stub-org::stub1")
        #expect(tuned.answered == 3 && base.answered == 3)
        #expect(tuned.exactMatch == 1)
        #expect(tuned.tokenF1 == 1 && tuned.rougeL == 1)
        #expect(base.exactMatch == 0)
        // Base: "answer is paris i believe" vs "paris": F1 = 2·(1/5)·1/(6/5) = 1/3; the refusal and
        // the Paris answer to the vacation question share nothing.
        #expect(abs(base.tokenF1 - (1.0 / 3.0) / 3) < 1e-12)
        #expect(abs(base.refusalRate - 1.0 / 3.0) < 1e-12)
        #expect(tuned.refusalRate == 0)
        #expect(tuned.promptTokens == 60 && tuned.completionTokens == 6)
        // Tuned: 60 input tokens at $10/M + 6 output tokens at $20/M.
        #expect(abs((tuned.costUSD ?? 0) - (60 * 10 + 6 * 20) / 1_000_000) < 1e-15)
        #expect(abs(report.meanReferenceWords - 5.0 / 3.0) < 1e-12)

        let table = report.table()
        #expect(table.contains("exact match"))
        #expect(table.contains("0.0%") && table.contains("100.0%"))
        let decoded = try JSONDecoder().decode(EvalReport.self, from: Data(report.json().utf8))
        #expect(decoded.models == report.models)
        #expect(decoded.scores.count == 6)
        let chats = stub.requests.filter { $0.path == "/v1/chat/completions" }
        #expect(chats.count == 6)
        #expect(chats.allSatisfy { $0.bodyText.contains("\"temperature\":0") })
    }

    @Test func aRerunResumesAndRetriesOnlyWhatFailed() async throws {
        let sandbox = try TuningSandbox()
        let stub = try await tunedStub(sandbox, failing: ["Who wrote Hamlet?"])
        defer { stub.shutdown() }
        let path = try sandbox.write("val.jsonl", Self.validation)
        let data = try EvalDataset.load(path: path)
        let first = try await runner(sandbox, stub, concurrency: 1).run(data, models: ["base", "tuned"])
        #expect(first.models[0].failed == 1)
        #expect(first.models[0].answered == 2)
        #expect(first.scores.first { !$0.succeeded }?.error?.contains("bad request") == true)
        let callsBefore = stub.requests.filter { $0.path == "/v1/chat/completions" }.count

        let second = try await runner(sandbox, stub).run(try EvalDataset.load(path: path), models: ["base", "tuned"])
        #expect(second.runID == first.runID, "the same file and models continue the same run")
        #expect(second.reused == 5)
        let callsAfter = stub.requests.filter { $0.path == "/v1/chat/completions" }.count
        #expect(callsAfter - callsBefore == 1, "only the failed example was sent again")

        let fresh = try await runner(sandbox, stub).run(data, models: ["base", "tuned"], fresh: true)
        #expect(fresh.runID != first.runID)
        #expect(fresh.reused == 0)
        let other = try await runner(sandbox, stub).run(data, models: ["tuned"])
        #expect(other.runID != first.runID, "other models are another run")
    }

    @Test func theJudgeGradesEveryAnswerWithTheRubric() async throws {
        let sandbox = try TuningSandbox()
        let stub = try await tunedStub(sandbox)
        defer { stub.shutdown() }
        let data = try EvalDataset.load(path: try sandbox.write("val.jsonl", Self.validation))
        let report = try await runner(sandbox, stub, judge: true).run(data, models: ["base", "tuned"])
        #expect(report.judge == "openai:gpt-4o-judge")
        #expect(report.rubric == EvalJudge.defaultRubric)
        let tuned = try #require(report.models.last)
        #expect(tuned.judged == 3)
        // The stub gives 5 to answers starting "Paris" and 2 to the others: (5 + 2 + 2) / 3 = 3.
        #expect(tuned.judgeMean == 3)
        let judgeCalls = stub.requests.filter { $0.bodyText.contains("You grade answers") }
        #expect(judgeCalls.count == 6)
        #expect(judgeCalls.allSatisfy { $0.bodyText.contains("\"model\":\"gpt-4o-judge\"") })
        #expect(report.table().contains("judge score (1-5)"))
    }

    @Test func unknownModelsFailBeforeAnyCall() async throws {
        let sandbox = try TuningSandbox()
        let stub = try await tunedStub(sandbox)
        defer { stub.shutdown() }
        let before = stub.requests.count
        let data = try EvalDataset.load(path: try sandbox.write("val.jsonl", Self.validation))
        let runner = try runner(sandbox, stub)
        for models in [["base", "nonsense"], ["base", "base"], [], ["anthropic:claude-x"]] {
            await #expect(throws: TuningError.self) { _ = try await runner.run(data, models: models) }
        }
        #expect(stub.requests.count == before)
    }
}

@Suite struct EvalDatasetTests {
    @Test func theLastAssistantMessageIsTheReference() throws {
        let sandbox = try TuningSandbox()
        let line = """
            {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},\
            {"role":"assistant","content":"Hello."},{"role":"developer","content":"Use metric units."},\
            {"role":"user","content":[{"type":"text","text":"How far "},{"type":"text","text":"is it?"}]},\
            {"role":"assistant","content":"5 km","weight":1}]}
            """
        let data = try EvalDataset.load(path: try sandbox.write("val.jsonl", "\n" + line + "\n\n"))
        let example = try #require(data.examples.first)
        #expect(data.examples.count == 1)
        #expect(example.line == 2)
        #expect(example.reference == "5 km")
        #expect(example.system == "Be brief.\n\nUse metric units.")
        #expect(example.turns.map(\.text) == ["Hi", "Hello.", "How far is it?"])
        #expect(example.turns.map(\.role) == [.user, .assistant, .user])
        #expect(data.contentHash.hasPrefix("fnv1a64:"))
    }

    @Test func unusableLinesAreNamed() throws {
        let sandbox = try TuningSandbox()
        let good = #"{"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]}"#
        let cases = [
            (good + "\n[1,2]\n", "val.jsonl:2"),
            (#"{"messages":[{"role":"user","content":"Hi"}]}"#, "no assistant message"),
            (#"{"messages":[{"role":"system","content":"S"},{"role":"assistant","content":"A"}]}"#, "no user message"),
            (#"{"prompt":"a","completion":"b"}"#, "neither"),
            ("\n\n", "has no examples"),
        ]
        for (text, expected) in cases {
            let path = try sandbox.write("val.jsonl", text)
            let error = #expect(throws: TuningError.self) { _ = try EvalDataset.load(path: path) }
            #expect(error?.message.contains(expected) == true, "\(expected): \(error?.message ?? "")")
        }
        #expect(throws: TuningError.self) { _ = try EvalDataset.load(path: sandbox.folder.path + "/missing.jsonl") }
    }
}
