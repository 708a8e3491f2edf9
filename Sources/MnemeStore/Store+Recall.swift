import GRDB

/// A message found by ``Store/searchMessages(_:for:limit:excludingSession:)``.
public struct MessageHit: Hashable, Sendable {
    /// The message.
    public let message: Message
    /// Its BM25 relevance: higher is better.
    public let score: Double
}

extension Store {
    /// Finds the user's messages that share words with `text`, best first (FTS5 BM25).
    ///
    /// Only this user's messages are searched: the scope is part of the SQL query. Any text
    /// is accepted; text without words finds nothing.
    public func searchMessages(
        _ text: String,
        for scope: UserScope,
        limit: Int = 10,
        excludingSession: Int64? = nil
    ) async throws -> [MessageHit] {
        guard let query = FullTextQuery.anyTerm(text), limit > 0 else { return [] }
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Message.selection("m")), -bm25(message_fts) AS score
                    FROM message_fts CROSS JOIN message m ON m.id = message_fts.rowid
                    WHERE message_fts MATCH ?1 AND m.tenant_id = ?2 AND m.user_id = ?3
                        AND (?4 IS NULL OR m.session_id != ?4)
                    ORDER BY bm25(message_fts) LIMIT ?5
                    """,
                arguments: [query, scope.tenantID, scope.userID, excludingSession, limit]
            ).map { MessageHit(message: Message(row: $0), score: $0["score"]) }
        }
    }
}
