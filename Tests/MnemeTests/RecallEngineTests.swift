import Foundation
import Mneme
import MnemeContext
import MnemeStore
import Testing

@Suite struct RecallEngineTests {
    final class Sandbox: Sendable {
        let folder: URL
        let engine: Engine

        init(_ configure: (inout EngineConfiguration) -> Void = { _ in }) throws {
            folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-recall-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = EngineConfiguration(environment: [:])
            configuration.databasePath = folder.appendingPathComponent("engine.sqlite").path
            configure(&configuration)
            engine = try Engine(configuration: configuration)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// A session of `user` with (role, text) messages written a minute apart from `start`.
        @discardableResult
        func session(_ user: String, start: String, _ messages: [(Message.Role, String)]) async throws -> [Message] {
            let scope = try await engine.store.ensureUser(tenant: "acme", externalID: user).scope
            let session = try await engine.store.createSession(for: scope)
            let first = ISO8601DateFormatter().date(from: start)!
            return try await engine.store.append(
                contentsOf: messages.enumerated().map { index, pair in
                    NewMessage(role: pair.0, content: pair.1, createdAt: first.addingTimeInterval(Double(index) * 60))
                },
                to: session.id, for: scope)
        }
    }

    let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!

    func included(_ prepared: PreparedTurn) -> Set<String> {
        Set(
            prepared.context.trace.entries.filter { $0.section == .recall && $0.included }.compactMap(
                \.source?.messageId))
    }

    @Test func anAnswerIsRecalledWithItsQuestion() async throws {
        let sandbox = try Sandbox()
        let stored = try await sandbox.session(
            "ada", start: "2026-04-02T10:00:00Z",
            [
                (.user, "We're going to Kyoto in May. Where would you stay?"),
                (.assistant, "For a first visit I'd pick Casa do Conto, near the old town."),
            ])
        let prepared = try await sandbox.engine.prepare(
            tenant: "acme", user: "ada", session: nil, message: "Which hotel did you recommend for Kyoto?",
            options: TurnOptions(referenceDate: now))
        #expect(included(prepared) == Set(stored.map { String($0.id) }))
        let system = prepared.context.prompt.system
        let question = try #require(system.firstRange(of: "Where would you stay?"))
        let answer = try #require(system.firstRange(of: "Casa do Conto"))
        #expect(question.upperBound < answer.lowerBound)
        #expect(system.contains("[2026-04-02 · assistant]"))
    }

    @Test func aTimeInTheMessagePicksTheTurnsOfThatTime() async throws {
        let sandbox = try Sandbox { $0.recallCandidates = 1 }
        let march = try await sandbox.session(
            "ada", start: "2026-03-10T19:00:00Z",
            [(.user, "I'm reading Piranesi at the moment."), (.assistant, "A wonderful book.")])
        for day in ["2026-06-01", "2026-08-01", "2026-10-01"] {
            try await sandbox.session(
                "ada", start: "\(day)T19:00:00Z", [(.user, "Reading, reading, reading again."), (.assistant, "Good.")])
        }
        let prepared = try await sandbox.engine.prepare(
            tenant: "acme", user: "ada", session: nil, message: "What was I reading in March?",
            options: TurnOptions(referenceDate: now))
        #expect(included(prepared) == Set(march.map { String($0.id) }))
        #expect(prepared.context.prompt.system.contains("Piranesi"))
    }

    @Test func theOlderPartOfALongSessionCanBeRecalled() async throws {
        let sandbox = try Sandbox { $0.historyCandidates = 4 }
        var messages: [(Message.Role, String)] = [
            (.user, "My locker number is 4711."), (.assistant, "Noted: locker 4711."),
        ]
        for index in 0..<6 { messages += [(.user, "Small talk \(index)"), (.assistant, "Sure \(index)")] }
        let stored = try await sandbox.session("ada", start: "2026-11-01T09:00:00Z", messages)
        let prepared = try await sandbox.engine.prepare(
            tenant: "acme", user: "ada", session: stored[0].sessionID, message: "What is my locker number?",
            options: TurnOptions(referenceDate: now))
        // The locker turn is beyond the 4-message history window, so recall brings it back; the recent
        // messages are history and are not recalled a second time.
        #expect(included(prepared) == [String(stored[0].id), String(stored[1].id)])
        let history = prepared.context.trace.entries.filter { $0.section == .history && $0.included }
        #expect(history.count == 4)
        #expect(prepared.context.prompt.system.contains("4711"))
    }
}
