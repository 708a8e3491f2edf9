import Foundation
import Mneme
import MnemeProvidersTesting
import MnemeStore
import Testing

/// The model-based memory extractor against a loopback OpenAI stub: the turn's reply is one request, the
/// extraction (after the reply) another, recognised by its instruction.
@Suite struct MemoryExtractorTests {
    final class Sandbox: Sendable {
        let folder: URL
        let stub: OpenAIStub
        let engine: Engine

        init(extraction: @escaping @Sendable (String) -> StubReply, memoryModel: String? = "openai:extractor-mini")
            throws
        {
            stub = try OpenAIStub { request in
                let body = String(decoding: request.body, as: UTF8.self)
                return body.contains("You extract durable facts") ? extraction(body) : .text("Noted, have fun!")
            }
            folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-memory-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = EngineConfiguration(
                environment: ["OPENAI_API_KEY": "sk-test-memory", "OPENAI_BASE_URL": stub.baseURL])
            configuration.databasePath = folder.appendingPathComponent("engine.sqlite").path
            configuration.model = "openai:gpt-4o-mini"
            configuration.memoryExtractor = .llm
            configuration.memoryModel = memoryModel
            engine = try Engine(configuration: configuration)
        }

        deinit {
            stub.shutdown()
            try? FileManager.default.removeItem(at: folder)
        }

        /// Runs one turn to its end, waits for the background work, returns the user's facts.
        func turn(_ message: String, user: String = "ada") async throws -> (TurnRecord, [ProfileFact]) {
            var record: TurnRecord?
            for try await event in engine.respond(tenant: "acme", user: user, session: nil, message: message) {
                if case .finished(let finished) = event { record = finished }
            }
            await engine.waitForBackgroundWork()
            return (try #require(record), try await engine.facts(tenant: "acme", user: user))
        }
    }

    @Test func factsFromTheModelAreStoredAfterTheReply() async throws {
        let sandbox = try Sandbox { _ in
            .text(
                #"```json\n{"facts":[{"key":"home_city","value":"Porto","confidence":0.9},{"key":"pet_name","value":"Biscuit"}]}\n```"#
            )
        }
        let (record, facts) = try await sandbox.turn("We moved to Porto in May, with our beagle Biscuit.")
        #expect(record.status == .complete)
        let byKey = Dictionary(uniqueKeysWithValues: facts.map { ($0.key, $0) })
        #expect(byKey["home_city"]?.value == "Porto")
        #expect(byKey["pet_name"]?.value == "Biscuit")
        #expect(byKey["home_city"]?.source == .extracted)
        #expect(byKey["home_city"]?.messageID == record.userMessageID)
        // Two requests: the reply first, then the extraction, on the configured model, with the message.
        let requests = sandbox.stub.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(requests.count == 2)
        #expect(requests[0].contains("gpt-4o-mini") && !requests[0].contains("You extract durable facts"))
        #expect(requests[1].contains("extractor-mini") && requests[1].contains("We moved to Porto"))
    }

    @Test(arguments: [
        StubReply.text("Sure! The user lives in Porto."), .text(#"{"facts": [{"key": "home_city", "value": "#),
        .text(#"{"facts": [{"key": "password", "value": "hunter2"}, {"key": 3, "value": null}]}"#),
        .error(status: 500, type: "server_error", message: "boom"),
    ])
    func aBadAnswerNeitherBreaksTheTurnNorStoresGarbage(reply: StubReply) async throws {
        let sandbox = try Sandbox { _ in reply }
        let (record, facts) = try await sandbox.turn("We moved to Porto in May.")
        #expect(record.status == .complete)
        #expect(facts.isEmpty, "\(facts)")
    }

    @Test func statedFactsAndRuleFactsOfTheSameMessageWin() async throws {
        let sandbox = try Sandbox(
            extraction: { _ in
                .text(
                    #"{"facts":[{"key":"name","value":"Adele","confidence":0.6},{"key":"home_city","value":"Braga"}]}"#)
            }, memoryModel: nil)
        try await sandbox.engine.remember("home_city", "Porto", tenant: "acme", user: "ada")
        // The rules find "name = Ada" (0.95) in the same message: the model's less sure guess does not replace
        // it, and the city the user stated is kept.
        let (_, facts) = try await sandbox.turn("My name is Ada.")
        let byKey = Dictionary(uniqueKeysWithValues: facts.map { ($0.key, $0.value) })
        #expect(byKey == ["name": "Ada", "home_city": "Porto"])
        // Without memory_model the extraction uses the model that answered.
        #expect(String(decoding: sandbox.stub.requests[1].body, as: UTF8.self).contains("gpt-4o-mini"))
    }
}
