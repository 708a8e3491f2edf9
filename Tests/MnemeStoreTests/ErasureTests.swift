import Foundation
import GRDB
import Testing

@testable import MnemeStore

@Suite struct ErasureTests {
    /// Reads the database file and its WAL (if any) as raw bytes.
    private func fileBytes(_ path: String) throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { data += wal }
        return data
    }

    private func contains(_ data: Data, _ text: String) -> Bool {
        data.range(of: Data(text.utf8)) != nil
    }

    @Test func forgetLeavesNoTraceInTheFileBytes() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let (alice, session) = try await store.userWithSession("alice")
        let (bob, bobSession) = try await store.userWithSession("bob")
        let marker = "zqxvortlimbic"
        let bobMarker = "plumquartzbob"
        // Many small transactions so the full-text index has many segments.
        for index in 0..<300 {
            try await store.append(
                NewMessage(role: .user, content: "note \(index): the \(marker) project is secret"), to: session.id,
                for: alice.scope
            )
            try await store.append(
                NewMessage(role: .user, content: "note \(index): \(bobMarker) stays"), to: bobSession.id, for: bob.scope
            )
        }
        try await store.setFact(NewFact(key: "codename", value: "\(marker)-fact"), for: alice.scope)
        _ = try await store.createSession(for: alice.scope, title: "\(marker) planning")
        try await store.checkpoint()
        #expect(contains(try fileBytes(temp.path), marker), "control: the marker is in the file before erasure")

        let report = try await store.forget(user: alice.scope)
        #expect(report.deletedRows["message"] == 300)
        #expect(report.deletedRows["session"] == 2)
        #expect(report.deletedRows["profile_fact"] == 1)
        #expect(report.deletedRows["user"] == 1)

        let bytes = try fileBytes(temp.path)
        #expect(!contains(bytes, marker), "no byte of Alice's text survives erasure")
        #expect(!contains(bytes, marker.uppercased()))
        #expect(contains(bytes, bobMarker), "control: Bob's data is still there")
        #expect(try await store.user(tenant: "acme", externalID: "alice") == nil)
        #expect(try await store.searchMessages(bobMarker, for: bob.scope, limit: 1000).count == 300)
        #expect(try await store.integrityCheck().isEmpty)
    }

    @Test func deletingASessionPurgesItsIndexEntries() async throws {
        let temp = try TemporaryStore()
        let (alice, session) = try await temp.store.userWithSession("alice")
        for index in 0..<50 {
            try await temp.store.append(
                NewMessage(role: .user, content: "\(index) gryphonwaltz"), to: session.id, for: alice.scope)
        }
        #expect(try await temp.store.deleteSession(session.id, for: alice.scope))
        try await temp.store.checkpoint()
        #expect(!contains(try fileBytes(temp.path), "gryphonwaltz"))
    }

    /// Every table with a user_id column must be registered for erasure: a new table that is
    /// not fails here.
    @Test func everyUserTableIsRegisteredForErasure() async throws {
        let temp = try TemporaryStore()
        let tables = try await temp.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'").filter { table in
                try db.columns(in: table).contains { $0.name == "user_id" }
            }
        }
        #expect(Set(tables) == Set(Erasure.tables))
        for table in Erasure.tables {
            let columns = try await temp.store.pool.read { db in try db.columns(in: table).map(\.name) }
            #expect(columns.contains("tenant_id"), "\(table) must carry tenant_id for scoping")
        }
    }
}
