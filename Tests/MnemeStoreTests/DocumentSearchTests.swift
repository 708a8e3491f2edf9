import Foundation
import MnemeStore
import Testing

@Suite struct DocumentSearchTests {
    private func chunk(_ text: String, _ headings: [String] = []) -> NewChunk {
        NewChunk(
            headingPath: headings, text: text, startOffset: 0, endOffset: text.unicodeScalars.count, tokenCount: 10)
    }

    private func document(
        _ uri: String,
        _ title: String,
        _ texts: [String],
        visibility: Visibility = .tenant,
        collection: String = "handbook"
    ) -> DocumentInput {
        DocumentInput(
            collection: collection, uri: uri, title: title, format: "markdown", size: 100,
            modifiedAt: Date(timeIntervalSince1970: 1_700_000_000), contentHash: "h-\(uri)", visibility: visibility,
            chunks: texts.map { chunk($0, [title, "Section"]) }
        )
    }

    @Test func findsStemmedEnglishAndRussianWordForms() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.replaceDocument(
            document("hr/vacation.md", "Vacation policy", ["Employees accrue 25 vacation days per year."]),
            tenant: "acme")
        try await store.replaceDocument(
            document("hr/otpusk.md", "Политика отпусков", ["Перед отпуском согласуйте даты с руководителем."]),
            tenant: "acme")
        try await store.replaceDocument(
            document("it/vpn.md", "VPN", ["Connecting to the VPN requires the Lumen client."]), tenant: "acme")

        let english = try await store.searchDocuments("How many days of vacations do I get?", for: user.scope)
        #expect(english.first?.uri == "hr/vacation.md")
        #expect(english.first?.snippet.contains("[vacation]") == true)
        let plain = try await store.searchDocuments("How many days of vacations?", for: user.scope, snippets: false)
        #expect(plain.first?.uri == "hr/vacation.md" && plain.first?.snippet == "", "no snippet when not asked for")
        #expect(english.first?.headingPath == ["Vacation policy", "Section"])

        for form in ["отпуск", "отпуска", "отпуске", "ОТПУСКОМ"] {
            let hits = try await store.searchDocuments("Где правила про \(form)?", for: user.scope)
            #expect(hits.first?.uri == "hr/otpusk.md", "\(form) matches the document's word forms")
        }
        #expect(try await store.searchDocuments("connection vpn", for: user.scope).first?.uri == "it/vpn.md")
    }

    @Test func restrictedDocumentsReachOnlyListedUsersAndGroups() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let alice = try await store.ensureUser(tenant: "acme", externalID: "alice")
        let bob = try await store.ensureUser(tenant: "acme", externalID: "bob")
        let carol = try await store.ensureUser(tenant: "acme", externalID: "carol")
        let outsider = try await store.ensureUser(tenant: "globex", externalID: "alice")
        try await store.setGroups(["finance"], for: carol.scope)
        try await store.replaceDocument(
            document(
                "secret/salaries.md", "Salaries", ["Salary bands for engineers"],
                visibility: .restricted(users: ["alice"], groups: ["finance"])),
            tenant: "acme")
        try await store.replaceDocument(
            document("public/perks.md", "Perks", ["Engineers get a salary review yearly"]), tenant: "acme")

        let query = "salary bands engineers"
        #expect(
            Set(try await store.searchDocuments(query, for: alice.scope).map(\.uri)) == [
                "secret/salaries.md", "public/perks.md",
            ])
        #expect(
            Set(try await store.searchDocuments(query, for: carol.scope).map(\.uri)) == [
                "secret/salaries.md", "public/perks.md",
            ])
        #expect(try await store.searchDocuments(query, for: bob.scope).map(\.uri) == ["public/perks.md"])
        #expect(try await store.searchDocuments(query, for: outsider.scope).isEmpty, "another tenant sees nothing")
        // A user named like a group, or a group named like a user, gains nothing.
        let finance = try await store.ensureUser(tenant: "acme", externalID: "finance")
        #expect(try await store.searchDocuments(query, for: finance.scope).map(\.uri) == ["public/perks.md"])
        try await store.setGroups(["alice"], for: bob.scope)
        #expect(try await store.searchDocuments(query, for: bob.scope).map(\.uri) == ["public/perks.md"])
        // Leaving the group takes the document away again.
        try await store.setGroups([], for: carol.scope)
        #expect(try await store.searchDocuments(query, for: carol.scope).map(\.uri) == ["public/perks.md"])
        // Forgetting Alice removes her grant.
        try await store.forget(user: alice.scope)
        let stored = try await store.documents(tenant: "acme").first { $0.uri == "secret/salaries.md" }
        #expect(stored?.visibility == .restricted(users: [], groups: ["finance"]))
    }

    @Test func replacingAndRemovingDocumentsLeavesNoStaleChunks() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.replaceDocument(document("a.md", "A", ["old wording about parking"]), tenant: "acme")
        try await store.replaceDocument(document("a.md", "A", ["new wording about bicycles"]), tenant: "acme")
        #expect(try await store.searchDocuments("parking", for: user.scope).isEmpty)
        #expect(try await store.searchDocuments("bicycles", for: user.scope).count == 1)
        let documents = try await store.documents(tenant: "acme")
        #expect(documents.count == 1)
        #expect(try await store.removeDocuments(documents.map(\.id), tenant: "globex") == 0, "scoped by tenant")
        #expect(try await store.removeDocuments(documents.map(\.id), tenant: "acme") == 1)
        #expect(try await store.searchDocuments("bicycles", for: user.scope).isEmpty)
        #expect(try await store.integrityCheck().isEmpty)
    }

    @Test func resultsAreDiversifiedAcrossDocuments() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.replaceDocument(
            document("long.md", "Printers", (0..<6).map { "printer toner printer jam \($0)" }), tenant: "acme")
        try await store.replaceDocument(document("short.md", "Office", ["the printer is on floor 2"]), tenant: "acme")
        let diverse = try await store.searchDocuments("printer toner", for: user.scope, limit: 3, perDocument: 2)
        #expect(diverse.count == 3)
        #expect(diverse.filter { $0.uri == "long.md" }.count == 2)
        #expect(diverse.contains { $0.uri == "short.md" })
        let only = try await store.searchDocuments("toner", for: user.scope, limit: 4, perDocument: 1)
        #expect(only.count == 4, "with one matching document, its chunks fill the list")
    }

    @Test func hostileQueriesNeverFail() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.replaceDocument(document("a.md", "A", ["some text about NEAR and AND"]), tenant: "acme")
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab \"*():^-+{}[]~.,;'\\/\u{0}NEAROTDnear_отпуск😀\n\t")
        let keywords = ["AND", "OR", "NOT", "NEAR", "text:", "title:", "\"", "*", "(", ")", "{title}", "^"]
        for round in 0..<10_000 {
            var query = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                if Bool.random(using: &generator) {
                    query.append(alphabet.randomElement(using: &generator)!)
                } else {
                    query += " " + keywords.randomElement(using: &generator)! + " "
                }
            }
            if round == 0 { query = String(repeating: "x\" OR ", count: 2000) }
            _ = try await store.searchDocuments(query, for: user.scope, feedback: round % 2 == 0)
        }
    }
}
