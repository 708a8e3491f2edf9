import Foundation
import MnemeStore
import Testing

@Suite struct ConcurrencyTests {
    @Test func eightWritersLoseNothing() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let (user, session) = try await store.userWithSession("alice")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<500 {
                        try await store.append(
                            NewMessage(role: .user, content: "w\(writer)-\(index)", externalID: "w\(writer)-\(index)"),
                            to: session.id, for: user.scope
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let contents = try await store.messages(in: session.id, for: user.scope, limit: 10_000).map(\.content)
        #expect(contents.count == 4000)
        #expect(Set(contents).count == 4000)
    }

    /// Two stores on one file behave like two processes: the busy timeout, not an error,
    /// resolves their contention.
    @Test func twoConnectionsToOneFileLoseNothing() async throws {
        let temp = try TemporaryStore()
        let second = try Store(path: temp.path)
        let (user, session) = try await temp.store.userWithSession("alice")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [temp.store, second, temp.store, second].enumerated() {
                group.addTask {
                    for item in 0..<250 {
                        try await store.append(
                            NewMessage(role: .assistant, content: "s\(index)-\(item)"), to: session.id, for: user.scope)
                        if item % 50 == 0 { _ = try await store.recentMessages(in: session.id, for: user.scope) }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await second.messageCount(for: user.scope) == 1000)
    }
}
