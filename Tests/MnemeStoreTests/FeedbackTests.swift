import Foundation
import GRDB
import MnemeStore
import Testing

@Suite struct FeedbackTests {
    private func reply(_ store: Store, user: String, tenant: String = "acme") async throws -> (User, Message, Message) {
        let (owner, session) = try await store.userWithSession(user, tenant: tenant)
        let question = try await store.append(
            NewMessage(role: .user, content: "Question of \(user)"), to: session.id, for: owner.scope)
        let answer = try await store.append(
            NewMessage(role: .assistant, content: "Answer for \(user)"), to: session.id, for: owner.scope)
        return (owner, question, answer)
    }

    @Test func aRatingIsStoredReplacedAndRemoved() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let (ada, _, answer) = try await reply(store, user: "ada")
        let first = try await store.setFeedback(.up, note: "clear", message: answer.id, for: ada.scope)
        #expect(first.rating == .up && first.note == "clear")
        try await store.setFeedback(.down, note: "  ", message: answer.id, for: ada.scope)
        let stored = try #require(try await store.feedback(message: answer.id, for: ada.scope))
        #expect(stored.rating == .down && stored.note == nil, "a blank note is no note; rating again replaces")
        #expect(try await store.lastReply(for: ada.scope)?.id == answer.id)
        #expect(try await store.removeFeedback(message: answer.id, for: ada.scope))
        #expect(try await store.feedback(message: answer.id, for: ada.scope) == nil)
        #expect(try await store.removeFeedback(message: answer.id, for: ada.scope) == false)
    }

    @Test func onlyTheUsersOwnRepliesCanBeRated() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let (ada, question, answer) = try await reply(store, user: "ada")
        let (bob, _, _) = try await reply(store, user: "bob")
        let (eve, _, _) = try await reply(store, user: "ada", tenant: "other")
        await #expect(throws: StoreError.self) { try await store.setFeedback(.up, message: answer.id, for: bob.scope) }
        await #expect(throws: StoreError.self) { try await store.setFeedback(.up, message: answer.id, for: eve.scope) }
        do {
            try await store.setFeedback(.up, message: question.id, for: ada.scope)
            Issue.record("a user message was rated")
        } catch let error as StoreError {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("only assistant replies"))
        }
        let long = String(repeating: "x", count: Store.maxFeedbackNoteLength + 1)
        await #expect(throws: StoreError.self) {
            try await store.setFeedback(.up, note: long, message: answer.id, for: ada.scope)
        }
        try await store.setFeedback(.up, message: answer.id, for: ada.scope)
        #expect(try await store.feedback(message: answer.id, for: bob.scope) == nil, "bob cannot read ada's rating")
        #expect(try await store.removeFeedback(message: answer.id, for: bob.scope) == false)
        #expect(try await store.feedback(message: answer.id, for: ada.scope)?.rating == .up)
    }

    @Test func forgettingTheUserOrDeletingTheSessionDeletesRatings() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let (ada, _, answer) = try await reply(store, user: "ada")
        let (bob, _, bobAnswer) = try await reply(store, user: "bob")
        try await store.setFeedback(.up, note: "ada-note-zebra", message: answer.id, for: ada.scope)
        try await store.setFeedback(.down, message: bobAnswer.id, for: bob.scope)
        let report = try await store.forget(user: ada.scope)
        #expect(report.deletedRows["reply_feedback"] == 1)
        let queue = try DatabaseQueue(path: temporary.path)
        let left = try await queue.read { db in try String.fetchAll(db, sql: "SELECT rating FROM reply_feedback") }
        #expect(left == ["down"])
        let sessions = try await store.sessions(for: bob.scope)
        try await store.deleteSession(sessions[0].session.id, for: bob.scope)
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM reply_feedback") } == 0)
    }

    @Test func conversationsCarryRatingsAndStayInTheirTenant() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let (ada, _, answer) = try await reply(store, user: "ada")
        _ = try await reply(store, user: "ada", tenant: "other")
        try await store.setFeedback(.up, message: answer.id, for: ada.scope)
        let page = try await store.conversations(tenant: "acme")
        #expect(page.count == 1)
        #expect(page[0].user.externalID == "ada")
        #expect(page[0].messages.map(\.rating) == [nil, .up])
        #expect(try await store.conversations(tenant: "acme", after: page[0].session.id).isEmpty)
        #expect(try await store.conversations(tenant: "acme", filter: ConversationFilter(user: "bob")).isEmpty)
    }
}
