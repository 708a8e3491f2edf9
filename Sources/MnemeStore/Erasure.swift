import GRDB

/// The one place that knows every table holding a user's data.
///
/// ``Store/forget(user:)`` deletes from each registered table, in order, inside one
/// transaction, then rebuilds each registered full-text index so that deleted terms leave the
/// file, and checkpoints the write-ahead log. With `secure_delete` on, freed pages are
/// zeroed, so nothing of the user remains in the database file.
///
/// A table added by a later migration that has a `user_id` column must be listed here; a
/// test checks the schema against this list.
enum Erasure {
    /// Tables with `tenant_id` and `user_id` columns, children before parents.
    static let tables: [String] = [
        "reply_feedback",
        "user_group",
        "prompt_log",
        "profile_fact",
        "message",
        "session",
    ]

    /// Full-text indexes over user data, merged after an erasure so no deleted term survives
    /// in an old segment.
    static let ftsIndexes: [String] = [
        "message_fts"
    ]

    /// Deletes rows that name the user without a `user_id` column: document access grants
    /// by external id. Runs before the user row is deleted.
    static func eraseReferences(_ db: Database, _ scope: UserScope) throws -> Int {
        try db.execute(
            sql: """
                DELETE FROM document_access WHERE kind = 'user'
                    AND name = (SELECT external_id FROM user WHERE id = ?1 AND tenant_id = ?2)
                    AND document_id IN (SELECT id FROM document WHERE tenant_id = ?2)
                """,
            arguments: [scope.userID, scope.tenantID]
        )
        return db.changesCount
    }

    /// Merges every registered full-text index into one segment, which drops the entries of
    /// deleted rows that older segments still hold.
    static func purgeFullTextIndexes(_ db: Database) throws {
        for index in ftsIndexes {
            try db.execute(sql: "INSERT INTO \(index)(\(index)) VALUES ('optimize')")
        }
    }
}

/// What ``Store/forget(user:)`` removed.
public struct ErasureReport: Hashable, Sendable, Codable {
    /// Rows deleted per table.
    public let deletedRows: [String: Int]

    /// Rows deleted in all tables, including the user's own row.
    public var total: Int { deletedRows.values.reduce(0, +) }
}
