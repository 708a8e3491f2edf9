import Foundation
import MnemeStore
import Testing

@Suite struct TranscriptTests {
    private func numbered(_ lines: [String]) -> [(number: Int, text: String)] {
        lines.enumerated().map { ($0.offset + 1, $0.element) }
    }

    @Test func importIsIdempotentAndReportsBadLinesByNumber() async throws {
        let temp = try TemporaryStore()
        let user = try await temp.store.ensureUser(tenant: "acme", externalID: "alice")
        let lines = numbered([
            #"{"session":"s1","role":"user","content":"Hi there","created_at":"2026-01-05T09:30:00Z","external_id":"m1"}"#,
            #"{"session":"s1","role":"assistant","content":"Hello!","created_at":"2026-01-05T09:30:01.250Z"}"#,
            #"{"session":"s1","role":"robot","content":"beep","created_at":"2026-01-05T09:30:02Z"}"#,
            "not json at all",
            "",
            #"{"session":"s2","role":"user","content":"Second chat","created_at":"yesterday"}"#,
            #"{"session":"s2","role":"user","created_at":"2026-01-06T10:00:00Z"}"#,
            #"{"session":"s2","role":"user","content":"Second chat","created_at":"2026-01-06T10:00:00+02:00","metadata":{"src":"crm"}}"#,
            #"[1,2,3]"#,
        ])
        let first = try await temp.store.importTranscript(lines, for: user.scope)
        #expect(first.imported == 3)
        #expect(first.sessionsCreated == 2)
        #expect(first.errors.map(\.line) == [3, 4, 6, 7, 9])
        #expect(first.errors[0].message.contains("robot"))
        #expect(first.errors[3].message.contains("content"))

        let second = try await temp.store.importTranscript(lines, for: user.scope)
        #expect(second.imported == 0)
        #expect(second.duplicates == 3)
        #expect(try await temp.store.messageCount(for: user.scope) == 3)

        let s2 = try #require(try await temp.store.session(externalID: "s2", for: user.scope))
        let message = try #require(try await temp.store.messages(in: s2.id, for: user.scope).first)
        #expect(message.metadata == ["src": "crm"])
        #expect(message.createdAt == Date(timeIntervalSince1970: 1_767_686_400))
    }

    @Test func exportThenImportReproducesTheHistory() async throws {
        let temp = try TemporaryStore()
        let (alice, session) = try await temp.store.userWithSession("alice")
        try await temp.store.append(
            contentsOf: [
                NewMessage(role: .system, content: "Be brief."),
                NewMessage(role: .user, content: "Line one\nline \"two\" ✓", externalID: "ext-9"),
                NewMessage(
                    role: .assistant, content: "Reply", model: "gpt-4o-mini", status: .partial,
                    metadata: ["k": "v"]),
            ],
            to: session.id, for: alice.scope
        )
        var lines: [String] = []
        try await temp.store.exportTranscript(for: alice.scope) { lines.append($0.json()) }
        #expect(lines.count == 3)

        let bob = try await temp.store.ensureUser(tenant: "acme", externalID: "bob")
        let report = try await temp.store.importTranscript(numbered(lines), for: bob.scope)
        #expect(report.imported == 3)
        #expect(report.errors.isEmpty)
        var again: [String] = []
        try await temp.store.exportTranscript(for: bob.scope) { again.append($0.json()) }
        #expect(again == lines)
    }
}
