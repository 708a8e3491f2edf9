import Foundation
import GRDB
import MnemeStore
import Testing

@Suite struct DatabaseFileTests {
    private func tempFolder() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func anEmptyFileIsMigratedAndReopens() async throws {
        let folder = try tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        do {
            let store = try Store(path: path)
            let user = try await store.ensureUser(tenant: "t", externalID: "u")
            try await store.setFact(NewFact(key: "k", value: "v"), for: user.scope)
        }
        let reopened = try Store(path: path)
        let user = try #require(try await reopened.user(tenant: "t", externalID: "u"))
        #expect(try await reopened.facts(for: user.scope).map(\.value) == ["v"])
    }

    @Test(arguments: [
        Data("this is a text file, not a database\n".utf8),
        Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }),
    ])
    func aFileOfAnotherKindGivesAClearError(contents: Data) throws {
        let folder = try tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: contents))
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        #expect(error.code == .notADatabase)
        #expect(error.message.contains(path))
        #expect(FileManager.default.contents(atPath: path) == contents, "the file is left as it was")
    }

    @Test func aDamagedMnemeDatabaseGivesAClearError() async throws {
        let folder = try tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("damaged.sqlite").path
        do {
            let store = try Store(path: path)
            let (user, session) = try await store.userWithSession("alice")
            for index in 0..<200 {
                try await store.append(
                    NewMessage(role: .user, content: "message \(index)"), to: session.id, for: user.scope)
            }
            try await store.checkpoint()
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Keep the 100-byte header, scribble over the schema page and the pages after it.
        for index in 100..<min(bytes.count, 40_000) { bytes[index] = UInt8(truncatingIfNeeded: index &* 131) }
        try bytes.write(to: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        #expect(error.code == .notADatabase)
        #expect(error.message.contains(path))
    }

    @Test func aForeignSQLiteDatabaseIsNotTouched() throws {
        let folder = try tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("app.sqlite").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        }
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        #expect(error.code == .notMneme)
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["invoices"])
    }

    @Test func aDatabaseFromANewerMnemeIsRefused() throws {
        let folder = try tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("future.sqlite").path
        _ = try Store(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        let error = try #require(throws: StoreError.self) { try Store(path: path) }
        #expect(error.code == .newerSchema)
    }

    @Test func aMissingFolderGivesAClearError() throws {
        let error = try #require(throws: StoreError.self) {
            try Store(path: "/nonexistent-\(UUID().uuidString)/db.sqlite")
        }
        #expect(error.code == .cannotOpen)
    }
}
