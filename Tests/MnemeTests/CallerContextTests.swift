import Foundation
import Mneme
import MnemeContext
import MnemeStore
import Testing

/// The caller's system message and history (the merge rule of `mneme serve`).
@Suite struct CallerContextTests {
    private func engine() throws -> (Engine, URL) {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-caller-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = EngineConfiguration(environment: [:])
        configuration.databasePath = folder.appendingPathComponent("caller.sqlite").path
        return (try Engine(configuration: configuration), folder)
    }

    @Test func theCallersSystemMessageReplacesOrFollowsThePersona() async throws {
        let (engine, folder) = try engine()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await engine.remember("preferred_name", "Ada", tenant: "acme", user: "ada")
        var options = TurnOptions(caller: CallerContext(system: "You are a pirate. Call the user {{preferred_name}}."))
        let replaced = try await engine.prepare(
            tenant: "acme", user: "ada", session: nil, message: "Hello", options: options)
        #expect(replaced.request.system.hasPrefix("You are a pirate. Call the user Ada."))
        #expect(!replaced.request.system.contains("Lumen"))
        #expect(replaced.request.system.contains("Ada"), "profile facts are still added")

        options.caller?.appendSystemToPersona = true
        let appended = try await engine.prepare(
            tenant: "acme", user: "ada", session: nil, message: "Hello", options: options)
        let persona = try #require(appended.request.system.range(of: "Lumen"))
        let pirate = try #require(appended.request.system.range(of: "You are a pirate."))
        #expect(persona.lowerBound < pirate.lowerBound)
    }

    @Test func theCallersHistoryReplacesTheStoredHistory() async throws {
        let (engine, folder) = try engine()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try await engine.newSession(tenant: "acme", user: "ada")
        for try await _ in engine.respond(tenant: "acme", user: "ada", session: session.id, message: "Stored turn") {}
        let caller = CallerContext(
            history: [.init(role: .user, text: "Caller turn"), .init(role: .assistant, text: "Caller reply")],
            temperature: 0.3, maxOutputTokens: 40, stop: ["END"])
        let prepared = try await engine.prepare(
            tenant: "acme", user: "ada", session: session.id, message: "Next", options: TurnOptions(caller: caller))
        #expect(prepared.request.messages.map(\.text) == ["Caller turn", "Caller reply", "Next"])
        #expect(prepared.request.temperature == 0.3)
        #expect(prepared.request.stop == ["END"])
        #expect(prepared.request.maxOutputTokens == 40)

        let stored = try await engine.prepare(tenant: "acme", user: "ada", session: session.id, message: "Next")
        #expect(stored.request.messages.map(\.text).contains("Stored turn"), "without caller history, the stored one")
    }
}
