import Foundation
import MnemeStore
import Testing

@Suite struct StoreRoundTripTests {
    @Test func usersAreCreatedOnceAndUpdated() async throws {
        let temp = try TemporaryStore()
        let first = try await temp.store.ensureUser(tenant: "acme", externalID: "alice", displayName: "Alice")
        let again = try await temp.store.ensureUser(tenant: "acme", externalID: "alice", attributes: ["plan": "pro"])
        #expect(first.id == again.id)
        #expect(again.displayName == "Alice")
        #expect(again.attributes == ["plan": "pro"])
        let other = try await temp.store.ensureUser(tenant: "globex", externalID: "alice")
        #expect(other.id != first.id, "the same external id in another tenant is another user")
        #expect(try await temp.store.users(tenant: "acme").map(\.externalID) == ["alice"])
        #expect(try await temp.store.user(tenant: "acme", externalID: "nobody") == nil)
    }

    @Test func invalidNamesAreRejected() async throws {
        let temp = try TemporaryStore()
        for (tenant, user) in [
            ("", "a"), ("acme", ""), ("ac\u{0}me", "a"), ("acme", String(repeating: "x", count: 600)),
        ] {
            await #expect(throws: StoreError.self) {
                try await temp.store.ensureUser(tenant: tenant, externalID: user)
            }
        }
    }

    @Test func factsReplaceAndKeepHistory() async throws {
        let temp = try TemporaryStore()
        let user = try await temp.store.ensureUser(tenant: "acme", externalID: "alice")
        try await temp.store.setFact(NewFact(key: "name", value: "Alice"), for: user.scope)
        try await temp.store.setFact(
            NewFact(key: "city", value: "Oslo", source: .extracted, confidence: 0.7), for: user.scope)
        let renamed = try await temp.store.setFact(NewFact(key: "name", value: "Alicia"), for: user.scope)
        #expect(renamed.value == "Alicia")

        let current = try await temp.store.facts(for: user.scope)
        #expect(current.map(\.key) == ["city", "name"])
        #expect(current.map(\.value) == ["Oslo", "Alicia"])
        #expect(current[0].source == .extracted)
        #expect(current[0].confidence == 0.7)

        let history = try await temp.store.factHistory(for: user.scope, key: "name")
        #expect(history.map(\.value) == ["Alicia", "Alice"])
        #expect(history[0].supersededAt == nil)
        #expect(history[1].supersededAt != nil)

        let same = try await temp.store.setFact(NewFact(key: "name", value: "Alicia"), for: user.scope)
        #expect(same.id == renamed.id, "setting the same value refreshes the fact instead of adding history")

        #expect(try await temp.store.unsetFact("name", for: user.scope))
        #expect(try await temp.store.factHistory(for: user.scope, key: "name").isEmpty)
        #expect(try await temp.store.unsetFact("name", for: user.scope) == false)
    }

    @Test func badFactsAreRejectedAndNothingIsLost() async throws {
        let temp = try TemporaryStore()
        let user = try await temp.store.ensureUser(tenant: "acme", externalID: "alice")
        try await temp.store.setFact(NewFact(key: "name", value: "Alice"), for: user.scope)
        for bad in [
            NewFact(key: "", value: "x"), NewFact(key: "name", value: "  "),
            NewFact(key: "name", value: "Bob", confidence: 1.5), NewFact(key: "name", value: "Bob", messageID: 999),
        ] {
            await #expect(throws: StoreError.self) { try await temp.store.setFact(bad, for: user.scope) }
        }
        #expect(try await temp.store.facts(for: user.scope).map(\.value) == ["Alice"])
    }

    @Test func messagesRoundTripInOrder() async throws {
        let temp = try TemporaryStore()
        let (user, session) = try await temp.store.userWithSession("alice")
        let start = Date(timeIntervalSince1970: 1_800_000_000.123)
        var saved: [Message] = []
        for index in 0..<120 {
            saved.append(
                try await temp.store.append(
                    NewMessage(
                        role: index % 2 == 0 ? .user : .assistant, content: "message \(index)", tokenCount: index,
                        tokenizer: "o200k_base", model: index % 2 == 0 ? nil : "gpt-4o-mini",
                        createdAt: start.addingTimeInterval(Double(index)), metadata: ["i": "\(index)"]
                    ),
                    to: session.id, for: user.scope
                )
            )
        }
        let recent = try await temp.store.recentMessages(in: session.id, for: user.scope, limit: 50)
        #expect(recent == Array(saved.suffix(50)), "what a read returns equals what append returned")
        #expect(recent.first?.content == "message 70")

        var all: [Message] = []
        var after: Int64?
        while true {
            let page = try await temp.store.messages(in: session.id, for: user.scope, after: after, limit: 32)
            guard let last = page.last else { break }
            all += page
            after = last.id
        }
        #expect(all == saved)

        let updated = try await temp.store.updateMessage(
            saved[1].id, for: user.scope, content: "fixed", status: .partial)
        #expect(updated.content == "fixed")
        #expect(updated.status == .partial)
        #expect(try await temp.store.message(saved[1].id, for: user.scope) == updated)

        let summaries = try await temp.store.sessions(for: user.scope)
        #expect(summaries.count == 1)
        #expect(summaries[0].messageCount == 120)
        #expect(summaries[0].lastMessageAt == saved.last?.createdAt)
    }

    @Test func batchAppendIsAllOrNothing() async throws {
        let temp = try TemporaryStore()
        let (user, session) = try await temp.store.userWithSession("alice")
        try await temp.store.append(
            NewMessage(role: .user, content: "kept", externalID: "m-1"), to: session.id, for: user.scope)
        await #expect(throws: StoreError.self) {
            try await temp.store.append(
                contentsOf: [
                    NewMessage(role: .user, content: "new"),
                    NewMessage(role: .assistant, content: "clash", externalID: "m-1"),
                ],
                to: session.id, for: user.scope
            )
        }
        #expect(try await temp.store.messages(in: session.id, for: user.scope).map(\.content) == ["kept"])
    }

    @Test func recallFindsWordsAndSurvivesHostileQueries() async throws {
        let temp = try TemporaryStore()
        let (user, session) = try await temp.store.userWithSession("alice")
        try await temp.store.append(
            contentsOf: [
                NewMessage(role: .user, content: "My VPN keeps dropping every hour"),
                NewMessage(role: .assistant, content: "Try the Oslo gateway instead"),
                NewMessage(role: .user, content: "Где мой отпуск?"),
            ],
            to: session.id, for: user.scope
        )
        let hits = try await temp.store.searchMessages("vpn dropping?", for: user.scope)
        #expect(hits.map(\.message.content) == ["My VPN keeps dropping every hour"])
        #expect(try await temp.store.searchMessages("ОТПУСК", for: user.scope).count == 1)
        let hostile = [
            "\"", "*", "AND OR NOT", "NEAR(a b)", "content:vpn", "(((", "a\u{0}b", "-vpn", "^vpn",
            String(repeating: "vpn \" OR ", count: 1500),
        ]
        for query in hostile {
            _ = try await temp.store.searchMessages(query, for: user.scope)
        }
        #expect(try await temp.store.searchMessages("***", for: user.scope).isEmpty)
    }

    @Test func fullTextQueryQuotesEveryTerm() {
        #expect(FullTextQuery.anyTerm(#"what's "NEAR" (vpn)*"#) == #""what" OR "s" OR "NEAR" OR "vpn""#)
        #expect(FullTextQuery.anyTerm("!!! ???") == nil)
        #expect(FullTextQuery.terms("Vpn vpn VPN").count == 1)
        #expect(
            FullTextQuery.terms(
                String(repeating: "word ", count: 10) + (0..<200).map { "t\($0)" }.joined(separator: " ")
            ).count
                == FullTextQuery.maximumTerms)
    }
}
