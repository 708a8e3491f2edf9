import GRDB

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
    static func add(_ db: Database, _ input: DocumentInput, documentID: Int64) throws {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO temp.chunk_staging (document_id, ordinal, title, heading_path, text, start_offset,
                    end_offset, token_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        for (ordinal, chunk) in input.chunks.enumerated() {
            try insert.execute(arguments: [
                documentID, ordinal, input.title, chunk.headingPath.joined(separator: Store.headingSeparator),
                chunk.text, chunk.startOffset, chunk.endOffset, chunk.tokenCount,
            ])
        }
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
