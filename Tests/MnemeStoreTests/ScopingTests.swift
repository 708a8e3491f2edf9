import Foundation
import MnemeStore
import Testing

/// A user can never reach another user's data through the public API, even with a guessed id.
@Suite struct ScopingTests {
    @Test func aSecondUserCannotReadOrWriteTheFirstUsersData() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let (alice, aliceSession) = try await store.userWithSession("alice")
        let (mallory, _) = try await store.userWithSession("mallory")
        let secret = try await store.append(
            NewMessage(role: .user, content: "my locker code is 4711", externalID: "a-1"), to: aliceSession.id,
            for: alice.scope
        )
        try await store.setFact(NewFact(key: "locker", value: "4711", messageID: secret.id), for: alice.scope)

        #expect(try await store.session(aliceSession.id, for: mallory.scope) == nil)
        #expect(try await store.message(secret.id, for: mallory.scope) == nil)
        #expect(try await store.facts(for: mallory.scope).isEmpty)
        #expect(try await store.searchMessages("locker code 4711", for: mallory.scope).isEmpty)
        #expect(try await store.sessions(for: mallory.scope).count == 1)
        await #expect(throws: StoreError.self) {
            try await store.recentMessages(in: aliceSession.id, for: mallory.scope)
        }
        await #expect(throws: StoreError.self) {
            try await store.messages(in: aliceSession.id, for: mallory.scope)
        }
        await #expect(throws: StoreError.self) {
            try await store.append(
                NewMessage(role: .user, content: "injected"), to: aliceSession.id, for: mallory.scope)
        }
        await #expect(throws: StoreError.self) {
            try await store.updateMessage(secret.id, for: mallory.scope, content: "overwritten")
        }
        await #expect(throws: StoreError.self) {
            try await store.setFact(NewFact(key: "stolen", value: "x", messageID: secret.id), for: mallory.scope)
        }
        #expect(try await store.deleteSession(aliceSession.id, for: mallory.scope) == false)
        #expect(try await store.unsetFact("locker", for: mallory.scope) == false)
        var exported: [TranscriptLine] = []
        try await store.exportTranscript(for: mallory.scope) { exported.append($0) }
        #expect(exported.isEmpty)

        // Alice's data is untouched by all of the above.
        #expect(
            try await store.messages(in: aliceSession.id, for: alice.scope).map(\.content) == ["my locker code is 4711"]
        )
        #expect(try await store.facts(for: alice.scope).map(\.value) == ["4711"])
    }

    @Test func guessedIdsAcrossTenantsFindNothing() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let (alice, session) = try await store.userWithSession("alice", tenant: "acme")
        try await store.append(NewMessage(role: .user, content: "acme secret"), to: session.id, for: alice.scope)
        let intruder = try await store.ensureUser(tenant: "globex", externalID: "alice")
        // A scope made by hand with Alice's user id but another tenant's id reads nothing.
        let forged = UserScope(tenantID: intruder.tenantID, userID: alice.id)
        #expect(try await store.session(session.id, for: forged) == nil)
        #expect(try await store.searchMessages("secret", for: forged).isEmpty)
        #expect(try await store.searchMessages("secret", for: intruder.scope).isEmpty)
        await #expect(throws: StoreError.self) { try await store.forget(user: forged) }
        #expect(try await store.messageCount(for: alice.scope) == 1)
    }
}
