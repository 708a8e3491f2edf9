import GRDB
import GRDBSQLite

/// Collects the chunks of a batch of documents in a temporary table and moves them into `chunk`
/// with one statement.
///
/// Why: `chunk_fts` is fed by a trigger on `chunk`, and a statement whose trigger writes an FTS5
/// table runs with a statement journal; opening it calls FTS5's `xSavepoint`, which flushes
/// FTS5's pending terms to a new on-disk segment (later merged). One `INSERT` per chunk therefore
/// wrote one tiny segment per chunk, about 3× the cost of a bulk FTS5 insert (measured with
/// Python on the same schema, see docs/benchmarks.md). One `INSERT … SELECT` per batch flushes
/// once and lets FTS5 build the batch's segment in memory. Rows get the same ids, in the same
/// order, as the per-chunk inserts did, and the whole batch stays one transaction.
///
/// The table lives in the writer connection's `temp` schema and is empty outside a batch.
enum ChunkStaging {
    /// Creates the staging table on this connection if needed, and empties it (a failed batch
    /// rolls back with its transaction, so it is normally empty already).
    static func begin(_ db: Database) throws {
        // Reading first: a `CREATE … IF NOT EXISTS` counts as a schema change for GRDB, which
        // would empty its statement cache on every batch.
        let exists =
            try Bool.fetchOne(
                db.cachedStatement(
                    sql: "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'chunk_staging'")
            ) ?? false
        if !exists {
            try db.execute(
                sql: """
                    CREATE TEMP TABLE chunk_staging (
                        document_id INTEGER NOT NULL,
                        ordinal INTEGER NOT NULL,
                        title TEXT NOT NULL,
                        heading_path TEXT NOT NULL,
                        text TEXT NOT NULL,
                        start_offset INTEGER NOT NULL,
                        end_offset INTEGER NOT NULL,
                        token_count INTEGER NOT NULL
                    )
                    """
            )
        }
        try db.cachedStatement(sql: "DELETE FROM temp.chunk_staging").execute()
    }

    /// Stages the chunks of one stored document.
    ///
    /// Bound through SQLite's C interface, the texts without a copy (`SQLITE_STATIC`, unbound before
    /// the strings go away): GRDB's arguments box and copy every value, and this runs for every chunk.
    static func add(_ db: Database, _ input: DocumentInput, documentID: Int64) throws {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO temp.chunk_staging (document_id, ordinal, title, heading_path, text, start_offset,
                    end_offset, token_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let handle = insert.sqliteStatement
        defer { sqlite3_clear_bindings(handle) }
        var title = input.title
        try title.withUTF8 { title in
            for (ordinal, chunk) in input.chunks.enumerated() {
                var path = chunk.headingPath.joined(separator: Store.headingSeparator)
                var text = chunk.text
                let code = path.withUTF8 { path in
                    text.withUTF8 { text in
                        sqlite3_bind_int64(handle, 1, documentID)
                        sqlite3_bind_int64(handle, 2, Int64(ordinal))
                        bindText(handle, 3, title)
                        bindText(handle, 4, path)
                        bindText(handle, 5, text)
                        sqlite3_bind_int64(handle, 6, Int64(chunk.startOffset))
                        sqlite3_bind_int64(handle, 7, Int64(chunk.endOffset))
                        sqlite3_bind_int64(handle, 8, Int64(chunk.tokenCount))
                        let code = sqlite3_step(handle)
                        sqlite3_reset(handle)
                        return code
                    }
                }
                try check(code, insert, db)
            }
        }
    }

    /// Throws SQLite's error unless `code` says the statement ran to completion.
    static func check(_ code: Int32, _ statement: Statement, _ db: Database) throws {
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    /// Binds UTF-8 text without copying it (an empty text as `''`, never `NULL`); the bytes must
    /// outlive the binding (the caller clears it).
    static func bindText(_ handle: SQLiteStatement, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        let empty: StaticString = ""
        let start = UnsafeRawPointer(bytes.baseAddress ?? empty.utf8Start).assumingMemoryBound(to: CChar.self)
        sqlite3_bind_text(handle, index, start, Int32(bytes.count), nil)
    }

    /// Moves the staged chunks into `chunk` (and, by its trigger, into `chunk_fts`) in staging
    /// order, then empties the staging table.
    static func flush(_ db: Database, tenantID: Int64) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO chunk (tenant_id, document_id, ordinal, title, heading_path, text, start_offset,
                    end_offset, token_count)
                SELECT ?, document_id, ordinal, title, heading_path, text, start_offset, end_offset, token_count
                FROM temp.chunk_staging ORDER BY rowid
                """
        ).execute(arguments: [tenantID])
        try db.cachedStatement(sql: "DELETE FROM temp.chunk_staging").execute()
    }
}
