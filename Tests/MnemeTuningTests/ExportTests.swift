import Foundation
import MnemeStore
import MnemeTuning
import Testing

@Suite struct ExportTests {
    final class Sandbox: Sendable {
        let folder: URL
        let store: Store

        init() throws {
            folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-tuning-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            store = try Store(path: folder.appendingPathComponent("t.sqlite").path)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// A session of `turns` (question, answer, rating), at `day` of February 2026.
        @discardableResult
        func conversation(
            tenant: String = "acme", user: String = "ada", persona: String? = nil, day: Int = 1,
            _ turns: [(String, String, ReplyFeedback.Rating?)], status: Message.Status = .complete
        ) async throws -> [Message] {
            let owner = try await store.ensureUser(tenant: tenant, externalID: user)
            let session = try await store.createSession(for: owner.scope, persona: persona)
            var replies: [Message] = []
            let start = ISO8601DateFormatter().date(from: String(format: "2026-02-%02dT09:00:00Z", day))!
            for (index, turn) in turns.enumerated() {
                let time = start.addingTimeInterval(Double(index) * 60)
                try await store.append(
                    NewMessage(role: .user, content: turn.0, createdAt: time), to: session.id, for: owner.scope)
                let reply = try await store.append(
                    NewMessage(
                        role: .assistant, content: turn.1, createdAt: time.addingTimeInterval(5),
                        status: index == turns.count - 1 ? status : .complete),
                    to: session.id, for: owner.scope)
                if let rating = turn.2 { try await store.setFeedback(rating, message: reply.id, for: owner.scope) }
                replies.append(reply)
            }
            return replies
        }

        func export(
            tenant: String = "acme", filter: ConversationFilter = ConversationFilter(),
            options: ExportOptions = ExportOptions(),
            format: DatasetFormat = .openAI
        ) async throws -> (lines: [String], examples: [TrainingExample], report: ExportReport) {
            var examples: [TrainingExample] = []
            let exporter = ConversationExporter(options: options) { persona in "System of \(persona ?? "default")" }
            let report = try await TrainingExport.conversations(
                store: store, tenant: tenant, filter: filter, exporter: exporter
            ) { examples.append($0) }
            return (examples.flatMap { DatasetCodec.lines($0, as: format) }, examples, report)
        }
    }

    @Test func aConversationBecomesOneExampleWithItsPersonaPrompt() async throws {
        let sandbox = try Sandbox()
        try await sandbox.conversation(persona: "support", [("Hi", "Hello!", nil), ("Vacation days?", "27.", nil)])
        let (lines, examples, report) = try await sandbox.export()
        #expect(
            lines == [
                #"{"messages":[{"role":"system","content":"System of support"},{"role":"user","content":"Hi"},"#
                    + #"{"role":"assistant","content":"Hello!"},{"role":"user","content":"Vacation days?"},"#
                    + #"{"role":"assistant","content":"27."}]}"#
            ])
        #expect(examples.count == 1 && report.trainedReplies == 2 && report.conversations == 1)
    }

    @Test func ratingsSelectRepliesAndWeightTheRest() async throws {
        let sandbox = try Sandbox()
        try await sandbox.conversation([
            ("Q1", "bad answer", .down), ("Q2", "good answer", .up), ("Q3", "unrated", nil),
        ])
        let all = try await sandbox.export()
        // Rated down: kept as context with weight 0 in OpenAI files; the others are trained.
        #expect(all.examples.first?.messages.map(\.weight) == [nil, 0, nil, 1, nil, 1])
        #expect(all.report.ratedDown == 1 && all.report.trainedReplies == 2)

        let positive = try await sandbox.export(options: ExportOptions(positiveOnly: true))
        #expect(positive.examples.first?.messages.map(\.content) == ["Q1", "bad answer", "Q2", "good answer"])
        #expect(positive.report.unrated == 1 && positive.report.ratedDown == 1 && positive.report.trainedReplies == 1)
        let vertex = try await sandbox.export(options: ExportOptions(positiveOnly: true), format: .vertex)
        #expect(
            vertex.lines.count == 1 && !vertex.lines[0].contains("bad answer")
                && vertex.lines[0].contains("good answer"))
        let csv = try await sandbox.export(options: ExportOptions(positiveOnly: true), format: .csv)
        #expect(csv.lines == ["Q2,good answer"])
    }

    @Test func partialRepliesAndUnansweredMessagesAreDropped() async throws {
        let sandbox = try Sandbox()
        try await sandbox.conversation([("Q1", "A1", nil), ("Q2", "half an ans", nil)], status: .partial)
        let (_, examples, report) = try await sandbox.export()
        #expect(examples.first?.messages.map(\.content) == ["Q1", "A1"])
        #expect(report.incomplete == 1)
    }

    @Test func personaDateAndUserFiltersAndTenantScoping() async throws {
        let sandbox = try Sandbox()
        try await sandbox.conversation(persona: "support", day: 1, [("support early", "s1", nil)])
        try await sandbox.conversation(persona: "support", day: 10, [("support late", "s2", nil)])
        try await sandbox.conversation(persona: nil, day: 5, [("default persona", "d", nil)])
        try await sandbox.conversation(user: "bob", persona: "support", day: 5, [("bob asks", "b", nil)])
        try await sandbox.conversation(tenant: "other", persona: "support", day: 5, [("other tenant", "o", nil)])

        func firstMessages(_ result: (lines: [String], examples: [TrainingExample], report: ExportReport)) -> [String] {
            result.examples.map { $0.messages[0].content }
        }
        let everything = try await sandbox.export()
        #expect(firstMessages(everything) == ["support early", "support late", "default persona", "bob asks"])
        let support = try await sandbox.export(filter: ConversationFilter(persona: "support"))
        #expect(firstMessages(support) == ["support early", "support late", "bob asks"])
        let defaults = try await sandbox.export(
            filter: ConversationFilter(persona: "assistant", defaultPersona: "assistant"))
        #expect(firstMessages(defaults) == ["default persona"])
        let february = ISO8601DateFormatter()
        let since = february.date(from: "2026-02-03T00:00:00Z")!
        let until = february.date(from: "2026-02-08T00:00:00Z")!
        let dated = try await sandbox.export(
            filter: ConversationFilter(since: since, until: until), options: ExportOptions(since: since, until: until))
        #expect(firstMessages(dated) == ["default persona", "bob asks"])
        let bob = try await sandbox.export(filter: ConversationFilter(user: "bob"))
        #expect(firstMessages(bob) == ["bob asks"])
        let other = try await sandbox.export(tenant: "other")
        #expect(firstMessages(other) == ["other tenant"])
        let missing = try await sandbox.export(tenant: "nobody")
        #expect(missing.examples.isEmpty)
    }

    @Test func theDateRangeWeightsRepliesOutsideIt() async throws {
        let sandbox = try Sandbox()
        try await sandbox.conversation(day: 1, [("Q1", "A1", nil), ("Q2", "A2", nil)])
        let cut = ISO8601DateFormatter().date(from: "2026-02-01T09:01:00Z")!
        let result = try await sandbox.export(options: ExportOptions(since: cut))
        #expect(result.examples.first?.messages.map(\.weight) == [nil, 0, nil, 1])
        #expect(result.report.outsideDates == 1)
    }

    @Test func scrubbingUsesEachUsersOwnProfile() async throws {
        let sandbox = try Sandbox()
        let ada = try await sandbox.store.ensureUser(tenant: "acme", externalID: "ada", displayName: "Ada Lovelace")
        try await sandbox.store.setFact(NewFact(key: "city", value: "Rotterdam", source: .userStated), for: ada.scope)
        try await sandbox.conversation([("I'm Ada Lovelace in Rotterdam, ada@example.com", "Hi Ada Lovelace!", nil)])
        try await sandbox.conversation(user: "bob", [("Bob from Rotterdam here, call +31 10 555 0142", "Hi Bob", nil)])
        let (_, examples, report) = try await sandbox.export(options: ExportOptions(scrub: true))
        #expect(examples[0].messages.map(\.content) == ["I'm [display_name] in [city], [email]", "Hi [display_name]!"])
        #expect(
            examples[1].messages[0].content == "Bob from Rotterdam here, call [phone]", "Ada's profile is not Bob's")
        #expect(report.scrubbed.profileValues == 3 && report.scrubbed.emails == 1 && report.scrubbed.phones == 1)
    }

    @Test(arguments: DatasetFormat.allCases)
    func exportThenImportThenExportIsStable(format: DatasetFormat) async throws {
        let sandbox = try Sandbox()
        try await sandbox.conversation(persona: "support", [("How many days?", "27, \"working\" days.", nil)])
        try await sandbox.conversation(persona: "support", day: 2, [("Line\nbreak?", "Yes,\nit works.", .up)])
        let first = try await sandbox.export(format: format)
        let text = first.lines.map { $0 + "\n" }.joined()
        let decoded = DatasetCodec.decode((format == .csv ? "input,output\n" : "") + text, as: format)
        #expect(decoded.problems.isEmpty)
        let summary = try await ExampleImport.run(
            decoded.records, into: sandbox.store, tenant: "acme", persona: "support")
        #expect(summary.imported == 2)
        #expect(summary.systemPrompts == (format.isConversational ? ["System of support"] : []))
        let again = try await ExampleImport.run(
            decoded.records, into: sandbox.store, tenant: "acme", persona: "support")
        #expect(again.imported == 0 && again.duplicates == 2, "importing twice stores nothing twice")

        let examples = try await TrainingExport.fewShotExamples(
            store: sandbox.store, tenant: "acme", persona: "support"
        ) { persona in format.isConversational ? "System of \(persona ?? "default")" : nil }
        #expect(examples.flatMap { DatasetCodec.lines($0, as: format) } == first.lines)
        let stored = try await sandbox.store.allExamples(tenant: "acme", persona: "support")
        #expect(stored.map(\.input) == ["How many days?", "Line\nbreak?"])
        #expect(try await sandbox.store.allExamples(tenant: "other").isEmpty)
    }
}
