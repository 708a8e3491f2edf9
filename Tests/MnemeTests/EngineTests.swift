import Foundation
import Mneme
import MnemeContext
import MnemeStore
import Testing

@Suite struct EngineTests {
    final class Sandbox: Sendable {
        let folder: URL
        let engine: Engine

        init(documents: Bool = true) async throws {
            folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-engine-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = EngineConfiguration(environment: [:])  // no API keys: offline provider
            configuration.databasePath = folder.appendingPathComponent("engine.sqlite").path
            engine = try Engine(configuration: configuration)
            if documents {
                try await engine.store.replaceDocument(
                    DocumentInput(
                        collection: "handbook", uri: "hr/vacation.md", title: "Vacation Policy", format: "markdown",
                        size: 10, modifiedAt: Date(), contentHash: "x",
                        chunks: [
                            NewChunk(
                                headingPath: ["Entitlement"],
                                text: "Full-time employees receive 27 working days of paid vacation per year.",
                                startOffset: 0, endOffset: 70, tokenCount: 15)
                        ]),
                    tenant: "acme")
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    private func run(_ engine: Engine, _ user: String, _ message: String, session: Int64? = nil) async throws
        -> (text: String, record: TurnRecord, events: [TurnEvent])
    {
        var text = ""
        var record: TurnRecord?
        var events: [TurnEvent] = []
        for try await event in engine.respond(tenant: "acme", user: user, session: session, message: message) {
            events.append(event)
            if case .delta(let piece) = event { text += piece }
            if case .finished(let finished) = event { record = finished }
        }
        return (text, try #require(record), events)
    }

    @Test func aTurnRemembersAnswersFromDocumentsAndRecordsItsTrace() async throws {
        let sandbox = try await Sandbox()
        let engine = sandbox.engine
        let first = try await run(engine, "ada", "Hi, my name is Ada.")
        #expect(first.text.contains("Ada"))
        let second = try await run(engine, "ada", "How many vacation days do I get?", session: first.record.sessionID)
        #expect(second.text.contains("27 working days"), "the offline provider quotes the retrieved passage")
        #expect(second.text.contains("Vacation Policy"))
        #expect(second.record.status == .complete)
        let trace = try ContextTrace.decode(json: Data(second.record.trace.utf8))
        #expect(trace.entries.contains { $0.section == .documents && $0.included })
        #expect(trace.entries.contains { $0.section == .history && $0.included }, "the first turn is history now")
        #expect(trace.entries.contains { $0.id == "fact:name" && $0.included })
        #expect(trace.budget.total <= trace.budget.available)
        // The trace id announced while the turn runs is the one stored with it.
        let announced = second.events.compactMap { event -> String? in
            if case .contextAssembled(_, _, let trace) = event { return trace.id }
            return nil
        }
        #expect(announced.count == 1)
        #expect(announced.first?.hasPrefix("trc_") == true)
        #expect(trace.id == announced.first)
        #expect(first.record.trace.contains("trc_") && !first.record.trace.contains(announced[0]), "one id per turn")

        let user = try #require(try await engine.store.user(tenant: "acme", externalID: "ada"))
        let messages = try await engine.store.messages(in: first.record.sessionID, for: user.scope)
        #expect(messages.map(\.role) == [.user, .assistant, .user, .assistant])
        #expect(try await engine.store.facts(for: user.scope).first { $0.key == "name" }?.value == "Ada")
    }

    @Test func recallBringsBackAnOlderSessionButNeverAnotherUsers() async throws {
        let sandbox = try await Sandbox(documents: false)
        let engine = sandbox.engine
        _ = try await run(engine, "ada", "Remember that my locker number is 4711.")
        _ = try await run(engine, "bob", "My parking spot for the locker room is P-99.")
        let later = try await engine.prepare(
            tenant: "acme", user: "ada", session: nil, message: "What was my locker number?")
        let recalled = later.context.trace.entries.filter { $0.section == .recall }
        #expect(recalled.contains { $0.included })
        #expect(later.context.prompt.system.contains("4711"))
        #expect(!later.context.prompt.system.contains("P-99"), "another user's turn is never recalled")
    }

    @Test func fiftyConcurrentSessionsLoseNothing() async throws {
        let sandbox = try await Sandbox()
        let engine = sandbox.engine
        let sessions = 50
        let turns = 20
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<sessions {
                group.addTask {
                    var session: Int64?
                    for turn in 0..<turns {
                        for try await event in engine.respond(
                            tenant: "acme", user: "user\(index % 10)", session: session,
                            message: "question \(turn) about vacation days from \(index)")
                        {
                            if case .accepted(let id, _) = event { session = id }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        var total = 0
        for index in 0..<10 {
            let user = try #require(try await engine.store.user(tenant: "acme", externalID: "user\(index)"))
            let summaries = try await engine.store.sessions(for: user.scope)
            #expect(summaries.count == 5)
            for summary in summaries {
                #expect(summary.messageCount == turns * 2)
                let messages = try await engine.store.messages(in: summary.session.id, for: user.scope)
                #expect(Set(messages.filter { $0.role == .user }.map(\.content)).count == turns, "no duplicates")
            }
            total += try await engine.store.messageCount(for: user.scope)
        }
        #expect(total == sessions * turns * 2)
    }

    @Test func emptyMessagesAndForeignSessionsAreClearErrors() async throws {
        let sandbox = try await Sandbox(documents: false)
        let engine = sandbox.engine
        await #expect(throws: EngineError.self) { _ = try await run(engine, "ada", "   ") }
        let theirs = try await run(engine, "bob", "hello")
        let error = await #expect(throws: EngineError.self) {
            _ = try await run(engine, "ada", "hi", session: theirs.record.sessionID)
        }
        #expect(error?.code == .unknownSession)
    }
}
