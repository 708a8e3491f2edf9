import Foundation
import Mneme
import MnemeProvidersTesting
import MnemeStore
import Testing

@Suite struct ProviderTurnTests {
    private func engine(_ folder: URL, _ environment: [String: String]) throws -> Engine {
        var configuration = EngineConfiguration(environment: environment)
        configuration.databasePath = folder.appendingPathComponent("engine.sqlite").path
        return try Engine(configuration: configuration)
    }

    /// A turn on Anthropic (a loopback stub speaking its wire format): the reply streams, usage is
    /// stored, and the reported prompt tokens calibrate later estimates, across restarts.
    @Test func reportedUsageCalibratesEstimatesAndPersists() async throws {
        let stub = try AnthropicStub { _ in .answer(StubAnswer(text: "Twenty-seven days.", promptTokens: 2_000)) }
        defer { stub.shutdown() }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-calib-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["ANTHROPIC_API_KEY": "sk-ant-test-secret-key", "ANTHROPIC_BASE_URL": stub.baseURL]

        let engine = try engine(folder, environment)
        #expect(engine.defaultModel.hasPrefix("anthropic:"))
        #expect(engine.estimateCorrection(model: "claude-sonnet-4-5") == nil)
        var text = ""
        var record: TurnRecord?
        for try await event in engine.respond(
            tenant: "acme", user: "ada", session: nil, message: "How many vacation days?",
            options: TurnOptions(model: "anthropic:claude-sonnet-4-5"))
        {
            if case .delta(let piece) = event { text += piece }
            if case .finished(let finished) = event { record = finished }
        }
        #expect(text == "Twenty-seven days.")
        let stored = try #require(record)
        #expect(stored.promptTokens == 2_000)
        #expect(stored.model == "anthropic:claude-sonnet-4-5")
        #expect(!stored.trace.contains("sk-ant-test-secret-key"), "secrets never reach the trace")
        let ratio = try #require(engine.estimateCorrection(model: "claude-sonnet-4-5"))
        #expect(ratio > 1, "the stub reported far more tokens than estimated")

        let reopened = try self.engine(folder, environment)
        #expect(reopened.estimateCorrection(model: "claude-sonnet-4-5") == ratio)
        let file = try Data(contentsOf: folder.appendingPathComponent("engine.sqlite"))
        #expect(file.range(of: Data("sk-ant-test-secret-key".utf8)) == nil, "no key in the database")
    }

    /// A provider that fails mid-answer leaves the partial reply marked, and the turn retryable.
    @Test func aFailureMidStreamKeepsThePartialReply() async throws {
        let stub = try AnthropicStub { _ in
            .streamError(
                beforeError: ["The answer", " is"], type: "invalid_request_error", message: "boom", status: 200)
        }
        defer { stub.shutdown() }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-fail-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try engine(folder, ["ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": stub.baseURL])
        var session: Int64?
        var failed = false
        do {
            for try await event in engine.respond(tenant: "acme", user: "ada", session: nil, message: "Question?") {
                if case .accepted(let id, _) = event { session = id }
            }
        } catch {
            failed = true
        }
        #expect(failed, "the provider's error reaches the caller")
        let user = try #require(try await engine.store.user(tenant: "acme", externalID: "ada"))
        let messages = try await engine.store.messages(in: try #require(session), for: user.scope)
        #expect(messages.map(\.role) == [.user, .assistant])
        #expect(messages[1].status == .partial)
        #expect(messages[1].content.hasPrefix("The answer is"))
        let turn = try #require(try await engine.store.turn(for: user.scope))
        #expect(turn.status == .partial)
        #expect(turn.error?.contains("boom") == true)
    }
}
