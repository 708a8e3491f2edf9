import Foundation
import Mneme
import MnemeStore
import Testing

@Suite struct EngineFeedbackTests {
    @Test func aReplyOfATurnCanBeRatedByItsUserOnly() async throws {
        let sandbox = try await EngineTests.Sandbox(documents: false)
        let engine = sandbox.engine
        var record: TurnRecord?
        for try await event in engine.respond(tenant: "acme", user: "ada", session: nil, message: "Hello there") {
            if case .finished(let finished) = event { record = finished }
        }
        let reply = try #require(record?.replyMessageID)
        #expect(try await engine.lastReply(tenant: "acme", user: "ada")?.id == reply)
        let rated = try await engine.feedback(tenant: "acme", user: "ada", message: reply, rating: .up, note: "nice")
        #expect(rated.rating == .up && rated.note == "nice")
        await #expect(throws: StoreError.self) {
            try await engine.feedback(tenant: "acme", user: "bob", message: reply, rating: .down)
        }
        await #expect(throws: StoreError.self) {
            try await engine.feedback(tenant: "acme", user: "nobody-yet", message: reply, rating: .down)
        }
        #expect(try await engine.lastReply(tenant: "acme", user: "nobody") == nil)
    }
}
