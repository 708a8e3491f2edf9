import Foundation
import GRDB
import Testing

@testable import MnemeStore

/// The message index is scoped by owner (migration v9): recall and message search only ever see
/// the user's own rows, whatever the others wrote.
@Suite struct RecallScopingTests {
    @Test func ownerTokensAreDistinctAndPassTheStemmerUnchanged() {
        var seen: [String: UserScope] = [:]
        for tenant in Int64(1)...40 {
            for user in Int64(1)...40 {
                let scope = UserScope(tenantID: tenant, userID: user)
                let token = MessageOwner.token(scope)
                #expect(seen.updateValue(scope, forKey: token) == nil, "\(token) names two scopes")
            }
        }
        #expect(
            MessageOwner.token(UserScope(tenantID: 1, userID: 12))
                != MessageOwner.token(UserScope(tenantID: 11, userID: 2)))
    }

    @Test func sameWordsInOtherUsersAndTenantsNeverComeBack() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        // Enough users and tenants that ids reach two digits (t1u12 next to t11u2 and the like).
        var users: [User] = []
        for tenant in 0..<12 {
            for name in ["ada", "bob"] {
                users.append(try await store.ensureUser(tenant: "tenant\(tenant)", externalID: name))
            }
        }
        var own: [Int64: Set<Int64>] = [:]
        for user in users {
            let session = try await store.createSession(for: user.scope)
            let saved = try await store.append(
                contentsOf: [
                    NewMessage(role: .user, content: "Where is the blue locker key? \(MessageOwner.token(user.scope))"),
                    NewMessage(role: .assistant, content: "The blue locker key is in drawer \(user.id)."),
                ], to: session.id, for: user.scope)
            own[user.id] = Set(saved.map(\.id))
        }
        for user in users {
            let mine = try #require(own[user.id])
            let recalled = try await store.recall(RecallRequest(text: "blue locker key", hits: 50), for: user.scope)
            #expect(Set(recalled.map(\.message.id)) == mine)
            let found = try await store.searchMessages("blue locker key", for: user.scope, limit: 100)
            #expect(Set(found.map(\.message.id)) == mine)
            // Typing another user's owner token finds nothing of theirs.
            for other in users where other.id != user.id {
                let token = MessageOwner.token(other.scope)
                let probe = try await store.recall(RecallRequest(text: token, hits: 50), for: user.scope)
                #expect(Set(probe.map(\.message.id)).isSubset(of: mine))
                let search = try await store.searchMessages(token, for: user.scope, limit: 100)
                #expect(search.isEmpty)
            }
        }
        // A scope made up by hand (a user of another tenant) sees nothing.
        let forged = UserScope(tenantID: users[0].tenantID, userID: users[5].id)
        #expect(try await store.recall(RecallRequest(text: "blue locker key"), for: forged).isEmpty)
        #expect(try await store.searchMessages("blue locker key", for: forged).isEmpty)
    }

    @Test func erasureRemovesTheUsersIndexRows() async throws {
        let temp = try TemporaryStore()
        let (alice, aliceSession) = try await temp.store.userWithSession("alice")
        let (bob, bobSession) = try await temp.store.userWithSession("bob")
        for index in 0..<20 {
            try await temp.store.append(
                NewMessage(role: .user, content: "note \(index) about the harbour"), to: aliceSession.id,
                for: alice.scope)
            try await temp.store.append(
                NewMessage(role: .user, content: "note \(index) about the harbour"), to: bobSession.id, for: bob.scope)
        }
        _ = try await temp.store.forget(user: alice.scope)
        let rows = try await temp.store.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM message_fts WHERE message_fts MATCH ?",
                arguments: [MessageOwner.phrase(alice.scope)])
        }
        #expect(rows == 0)
        #expect(try await temp.store.recall(RecallRequest(text: "harbour", hits: 50), for: bob.scope).count == 20)
        #expect(try await temp.store.integrityCheck().isEmpty)
    }

    @Test func aVersion8DatabaseIsReindexedByOwner() async throws {
        let temp = try TemporaryStore()
        let path = temp.file("v8.sqlite")
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(tokenizer: TextTokenizer.self) }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try Schema.migrator.migrate(queue, upTo: "v8: turn cost")
        try await queue.write { db in
            try db.execute(
                sql: """
                    PRAGMA application_id = \(Store.applicationID);
                    INSERT INTO tenant (id, name, created_at) VALUES (1, 'acme', 0), (2, 'globex', 0);
                    INSERT INTO user (id, tenant_id, external_id, created_at) VALUES (1, 1, 'ada', 0), (2, 2, 'ada', 0);
                    INSERT INTO session (id, tenant_id, user_id, created_at) VALUES (1, 1, 1, 0), (2, 2, 2, 0);
                    INSERT INTO message (tenant_id, user_id, session_id, role, content, created_at) VALUES
                        (1, 1, 1, 'user', 'Which ferry goes to the island?', 1000),
                        (1, 1, 1, 'assistant', 'The morning ferry from pier four.', 2000),
                        (2, 2, 2, 'user', 'Which ferry is cheapest?', 1000);
                    """)
        }
        try queue.close()
        let store = try Store(path: path)
        let ada = UserScope(tenantID: 1, userID: 1)
        let recalled = try await store.recall(RecallRequest(text: "ferry island"), for: ada)
        #expect(
            recalled.map(\.message.content) == ["Which ferry goes to the island?", "The morning ferry from pier four."])
        #expect(try await store.searchMessages("ferry", for: UserScope(tenantID: 2, userID: 2)).count == 1)
        #expect(try await store.integrityCheck().isEmpty)
    }

    @Test func frequenciesStayInUseOnlyWhileFreshEnough() {
        #expect(RecallStatistics.isFresh(3200, now: 3200))
        #expect(RecallStatistics.isFresh(3200, now: 3300))
        #expect(!RecallStatistics.isFresh(3200, now: 3301))
        #expect(!RecallStatistics.isFresh(3200, now: 3199), "deletions start over")
        #expect(!RecallStatistics.isFresh(10, now: 11), "small histories are counted exactly")
        let statistics = RecallStatistics()
        var counted = 0
        let first = statistics.snapshot(owner: "t1u1", structure: Data([1])) {
            counted += 1
            return 100
        }
        statistics.remember(owner: "t1u1", rows: first.rows, key: "ferri", count: 7)
        // The same index: no count, the remembered frequency is kept.
        let same = statistics.snapshot(owner: "t1u1", structure: Data([1])) {
            counted += 1
            return 100
        }
        #expect(counted == 1 && same.frequencies["ferri"] == 7)
        // The index changed a little: counted again, frequencies kept; a lot: they start over.
        let grown = statistics.snapshot(owner: "t1u1", structure: Data([2])) { 103 }
        #expect(grown.rows == 100 && grown.frequencies["ferri"] == 7)
        let rebuilt = statistics.snapshot(owner: "t1u1", structure: Data([3])) { 200 }
        #expect(rebuilt.rows == 200 && rebuilt.frequencies.isEmpty)
    }

    /// The rarest words select first only when that cannot change the best hits: with the smallest selection
    /// budget the best hits equal those of every word selecting, here where short rows of frequent words
    /// outscore the long rows of the rare one.
    @Test func selectingByTheRarestWordsKeepsTheBestHitsExact() async throws {
        let temp = try TemporaryStore()
        let (ada, session) = try await temp.store.userWithSession("ada")
        var messages: [NewMessage] = []
        let filler = (0..<60).map { "filler\($0 % 7)" }.joined(separator: " ")
        for index in 0..<400 {
            let text: String
            switch index % 40 {
            case 0: text = "zebra crossing near the office. " + filler
            case 1, 2: text = "weekly budget weekly budget"
            case 3...12: text = "the weekly meeting"
            default: text = "nothing to see \(index)"
            }
            messages.append(NewMessage(role: .user, content: text))
        }
        let saved = try await temp.store.append(contentsOf: messages, to: session.id, for: ada.scope)
        let texts = Dictionary(uniqueKeysWithValues: saved.map { ($0.id, $0.content) })
        let words = DocumentQuery.weightedTerms("zebra weekly budget")
        let (selective, everything) = try await temp.store.read { db in
            var search = try RecallSearch(db, statistics: RecallStatistics(), scope: ada.scope)
            let terms = try search.weighted(words)
            let exact = (count: 8, excluding: Set<Int64>(), boost: 1.0)
            search.selectionBudget = 0
            let selective = try search.ranked(terms, window: nil, limit: 40, exact: exact)
            search.selectionBudget = .max
            let everything = try search.ranked(terms, window: nil, limit: 40, exact: exact)
            return (selective, everything)
        }
        #expect(everything.count == 40)
        #expect(Array(selective.prefix(8)) == Array(everything.prefix(8)))
        // The rare word alone would have ranked its own rows first: they are not the best.
        #expect(everything.prefix(8).allSatisfy { texts[$0.id] == "weekly budget weekly budget" })
    }
}
