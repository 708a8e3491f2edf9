public import Foundation
import GRDB
public import Logging

/// Mneme's SQLite store: tenants, users, profile facts, sessions and messages, kept in one
/// database file.
///
/// The store runs in WAL mode (many readers, one writer), with a busy timeout, foreign keys
/// and `secure_delete` on. Every read of user data takes a ``UserScope`` and filters on it
/// in SQL. A store is safe to share between tasks.
///
/// ```swift
/// let store = try Store(path: "mneme.sqlite")
/// let alice = try await store.ensureUser(tenant: "acme", externalID: "alice")
/// let session = try await store.createSession(for: alice.scope, title: "First chat")
/// try await store.append(NewMessage(role: .user, content: "Hello"), to: session.id, for: alice.scope)
/// ```
public final class Store: Sendable {
    /// The value of `PRAGMA application_id` in every Mneme database ("MNEM").
    public static let applicationID: Int32 = 0x4D4E_454D

    /// A logger that discards everything, the default when none is given.
    public static let silentLogger = Logger(label: "mneme.store", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The database file's path.
    public let path: String
    let pool: DatabasePool
    let logger: Logger
    /// Document frequencies of the chunk index, shared by the connections.
    let termStatistics = TermStatistics()
    /// Posting lists of the chunk index held in memory for document search.
    let postingCache: PostingCache
    /// Document frequencies over each user's messages, for recall.
    let recallStatistics = RecallStatistics()

    /// Opens the database at `path`, creating it (and running the migrations) when the file is
    /// missing or empty.
    ///
    /// - Throws: ``StoreError`` with code ``StoreError/Code/notADatabase`` for a corrupt file or
    ///   a file of another kind, ``StoreError/Code/notMneme`` for an SQLite database that Mneme
    ///   did not create, ``StoreError/Code/newerSchema`` for a database written by a newer
    ///   Mneme, and ``StoreError/Code/cannotOpen`` when the file cannot be opened or created.
    public init(path: String, busyTimeout: TimeInterval = 10, logger: Logger = Store.silentLogger) throws {
        self.path = path
        self.logger = logger
        try Self.checkHeader(path: path)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "mneme"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Reads map the file instead of copying pages: searches touch many index pages.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            // Copy the log into the file every 8,000 pages (32 MB) rather than 1,000: indexing rewrites
            // FTS5 segment pages often, and each checkpoint copies and syncs them again.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8000")
            db.add(tokenizer: TextTokenizer.self)
            RankFunction.register(db)
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try pool.write { db in try Self.checkIdentity(db, path: path) }
            try Schema.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        }
        postingCache = PostingCache(pool: pool, columnWeights: Self.chunkColumnWeights)
        logger.debug("opened store", metadata: ["path": "\(path)"])
    }

    /// Reads the first bytes of an existing file: an SQLite file starts with a fixed header.
    private static func checkHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }
        if head != Data("SQLite format 3\0".utf8) {
            throw StoreError(
                .notADatabase,
                "\(path) is not an SQLite database (it may be corrupt, or another kind of file). "
                    + "Point --db (or MNEME_DB) at a Mneme database, or at a new path to create one."
            )
        }
    }

    /// Claims an empty file for Mneme, or checks that a non-empty one is Mneme's, at a schema
    /// this version knows.
    private static func checkIdentity(_ db: Database, path: String) throws {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let objectCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if applicationID == 0 && objectCount == 0 {
            try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
        } else if applicationID != Self.applicationID {
            throw StoreError(
                .notMneme,
                "\(path) is an SQLite database, but not one Mneme created; Mneme will not change it. "
                    + "Use another path for Mneme's database."
            )
        }
        if try Schema.migrator.hasBeenSuperseded(db) {
            throw StoreError(
                .newerSchema,
                "\(path) was written by a newer version of Mneme; upgrade Mneme to open it."
            )
        }
    }

    static func openError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(
                .notADatabase,
                "\(path) is not a usable SQLite database (\(error.message ?? "corrupt")). "
                    + "Restore it from a backup, or point --db at another path."
            )
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            return StoreError(.cannotOpen, "Cannot open \(path): \(error.message ?? "permission denied").")
        default:
            return StoreError(.database, "Database error in \(path): \(error.message ?? "\(error.resultCode)").")
        }
    }

    /// Runs `body` in a write transaction, turning SQLite errors into ``StoreError``s.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        }
    }

    /// Runs `body` on a reader, turning SQLite errors into ``StoreError``s.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        }
    }

    /// Copies the write-ahead log into the database file and truncates the log (waiting for
    /// readers to finish), or, with `truncating: false`, copies what no reader still needs
    /// without waiting (SQLite's passive checkpoint).
    public func checkpoint(truncating: Bool = true) async throws {
        do {
            _ = try await pool.writeWithoutTransaction { db in
                try db.checkpoint(truncating ? .truncate : .passive)
            }
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        }
    }

    /// Checks the database: SQLite's integrity check, foreign keys (no orphan rows), and each
    /// full-text index against its table. Returns the problems found (empty when all is sound).
    public func integrityCheck() async throws -> [String] {
        try await write { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += orphans.map { "orphan row \($0[1] as Int64? ?? 0) in \($0[0] as String? ?? "?")" }
            for index in Erasure.ftsIndexes + ["chunk_fts", "example_fts"] {
                do {
                    try db.execute(sql: "INSERT INTO \(index)(\(index)) VALUES ('integrity-check')")
                } catch let error as DatabaseError {
                    problems.append("\(index): \(error.message ?? "integrity check failed")")
                }
            }
            return problems
        }
    }
}
