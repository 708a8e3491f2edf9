import Foundation
import Mneme
import MnemeProviders
import MnemeProvidersTesting
import MnemeStore
import Testing

@Suite struct TurnCostTests {
    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mneme-cost-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private func finish(_ engine: Engine, user: String, message: String, model: String? = nil) async throws
        -> (record: TurnRecord, notices: [String])
    {
        var record: TurnRecord?
        var notices: [String] = []
        for try await event in engine.respond(
            tenant: "acme", user: user, session: nil, message: message, options: TurnOptions(model: model))
        {
            if case .finished(let finished) = event { record = finished }
            if case .notice(let notice) = event { notices.append(notice) }
        }
        return (try #require(record), notices)
    }

    /// Each turn's cost comes from the price table and the usage the provider reported; per-user totals
    /// add them up, and turns on models without a price are counted apart, not as free.
    @Test func costsPerTurnAndPerUser() async throws {
        let stub = try OpenAIStub { _ in .answer(StubAnswer(text: "Hello.", promptTokens: 1_000, completionTokens: 500))
        }
        defer { stub.shutdown() }
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = EngineConfiguration(environment: [
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": stub.baseURL,
        ])
        configuration.databasePath = folder.appendingPathComponent("e.sqlite").path
        configuration.prices = PriceTable(models: ["gpt-4o-mini": .init(input: 0.15, output: 0.6)])
        let engine = try Engine(configuration: configuration)

        let first = try await finish(engine, user: "ada", message: "Hi", model: "openai:gpt-4o-mini")
        let expected = (1_000 * 0.15 + 500 * 0.6) / 1_000_000
        #expect(abs((first.record.costUSD ?? -1) - expected) < 1e-12)
        _ = try await finish(engine, user: "ada", message: "Again", model: "openai:gpt-4o-mini")
        let unpriced = try await finish(engine, user: "bob", message: "Hi", model: "openai:gpt-4.1")
        #expect(unpriced.record.costUSD == nil)

        let ada = try await engine.usage(tenant: "acme", user: "ada")
        #expect(ada.turns == 2)
        #expect(ada.promptTokens == 2_000)
        #expect(abs(ada.costUSD - 2 * expected) < 1e-12)
        #expect(ada.unpricedTurns == 0)
        let everyone = try await engine.usageByUser(tenant: "acme")
        #expect(everyone.map(\.user) == ["ada", "bob"])
        #expect(everyone[1].totals.unpricedTurns == 1)
        #expect(try await engine.usageByUser(tenant: "other").isEmpty, "usage is scoped to the tenant")
        #expect(try await engine.usage(tenant: "acme", user: "nobody") == UsageTotals())
    }

    /// When a route falls back, the turn records (and prices) the model that answered.
    @Test func aFallbackIsRecordedAsTheModelThatAnswered() async throws {
        let stub = try OpenAIStub { _ in
            .error(
                status: 404, type: "invalid_request_error", message: "The model does not exist", code: "model_not_found"
            )
        }
        defer { stub.shutdown() }
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = EngineConfiguration(environment: [
            "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": stub.baseURL,
        ])
        configuration.databasePath = folder.appendingPathComponent("e.sqlite").path
        configuration.routes = [
            Route(
                name: "tuned", target: ModelTarget(provider: "openai", model: "ft:gpt-4o-mini:acme::retired"),
                fallbacks: [ModelTarget(provider: "offline", model: "offline")])
        ]
        configuration.prices = PriceTable(models: ["offline": .init(input: 1, output: 1)])
        let engine = try Engine(configuration: configuration)
        let turn = try await finish(engine, user: "ada", message: "Hello there", model: "tuned")
        #expect(turn.record.model == "offline:offline")
        #expect(turn.record.route == "tuned")
        #expect(turn.record.costUSD != nil)
        #expect(turn.notices.contains { $0.contains("falling back to offline:offline") })
    }
}
