import Foundation
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

extension Store {
    /// Finds the user's older messages that best match `request.text` and returns each with the rest of its
    /// turn — a question with its answer, an answer with its question — best turn first, the messages of a
    /// turn in the order they were written.
    ///
    /// Matching is FTS5 BM25 over single messages (stop words dropped, word forms stemmed), scoped to the
    /// user in SQL; matches inside ``RecallRequest/windows`` are boosted and also searched on their own, and
    /// with ``RecallRequest/recency`` newer matches count more.
    /// Scores are divided by the best one, so they are comparable across queries (0…1). Messages in
    /// ``RecallRequest/excluding`` are never returned.
    public func recall(_ request: RecallRequest, for scope: UserScope) async throws -> [RecalledMessage] {
        guard request.hits > 0 else { return [] }
        return try await read { db in try Self.recall(db, request, scope: scope) }
    }

    static func recall(_ db: Database, _ request: RecallRequest, scope: UserScope) throws -> [RecalledMessage] {
        let query = DocumentQuery.match(request.text)
        let windows = request.windows.map { Timestamp.millis($0.lowerBound)..<Timestamp.millis($0.upperBound) }
        let now = Timestamp.millis(request.now)
        var scores: [Int64: (message: Message, score: Double)] = [:]
        func collect(_ hits: [(Message, Double)]) {
            for (message, score) in hits where !request.excluding.contains(message.id) {
                let created = Timestamp.millis(message.createdAt)
                var adjusted = score
                if request.recency > 0 {
                    let days = max(0, Double(now - created) / 86_400_000)
                    adjusted *= 1 + request.recency * Foundation.pow(2, -days / max(request.recencyHalfLife, 1))
                }
                if adjusted > scores[message.id]?.score ?? -1 { scores[message.id] = (message, adjusted) }
            }
        }
        if let query {
            collect(try matches(db, query: query, scope: scope, window: nil, limit: request.pool))
            for window in windows {
                collect(try matches(db, query: query, scope: scope, window: window, limit: request.pool))
            }
        } else {
            for window in windows {
                let latest = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Message.selection("m")) FROM message m
                        WHERE m.tenant_id = ?1 AND m.user_id = ?2 AND m.created_at >= ?3 AND m.created_at < ?4
                        ORDER BY m.created_at DESC, m.id DESC LIMIT ?5
                        """,
                    arguments: [scope.tenantID, scope.userID, window.lowerBound, window.upperBound, request.pool]
                ).map(Message.init(row:))
                collect(latest.enumerated().map { ($1, 1 / Double($0 + 1)) })
            }
        }
        let best = normalized(Array(scores.values), windows: windows).prefix(request.hits)
        var turns = RecalledTurns(excluding: request.excluding)
        for hit in best {
            let members = try turn(db, around: hit.message, scope: scope)
            turns.add(members, matched: hit.message.id, score: hit.score)
            if request.neighbors, let first = members.first,
                let previous = try neighbour(db, before: first, scope: scope)
            {
                turns.add(try turn(db, around: previous, scope: scope), matched: nil, score: hit.score / 2)
            }
        }
        return turns.result()
    }

    /// Scores divided by the best, best first; with windows, matches inside them map to 0.5…1 (divided by the
    /// best inside) and the others to 0…0.5 (divided by the best outside).
    static func normalized(_ hits: [(message: Message, score: Double)], windows: [Range<Int64>])
        -> [(message: Message, score: Double)]
    {
        func inside(_ message: Message) -> Bool {
            let created = Timestamp.millis(message.createdAt)
            return windows.contains { $0.contains(created) }
        }
        let topInside = hits.filter { inside($0.message) }.map(\.score).max() ?? 0
        let topOutside = hits.filter { !inside($0.message) }.map(\.score).max() ?? 0
        let scored = hits.compactMap { hit -> (message: Message, score: Double)? in
            let isInside = inside(hit.message)
            let top = isInside ? topInside : topOutside
            guard top > 0, hit.score > 0 else { return nil }
            let relative = hit.score / top
            if windows.isEmpty { return (hit.message, relative) }
            return (hit.message, isInside ? 0.5 + relative / 2 : relative / 2)
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.message.id < $1.message.id }
    }

    /// The best BM25 matches of `query`, optionally inside a window of milliseconds.
    static func matches(_ db: Database, query: String, scope: UserScope, window: Range<Int64>?, limit: Int) throws
        -> [(Message, Double)]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(Message.selection("m")), -bm25(message_fts) AS score
                FROM message_fts CROSS JOIN message m ON m.id = message_fts.rowid
                WHERE message_fts MATCH ?1 AND m.tenant_id = ?2 AND m.user_id = ?3
                    AND (?4 IS NULL OR (m.created_at >= ?4 AND m.created_at < ?5))
                ORDER BY bm25(message_fts) LIMIT ?6
                """,
            arguments: [query, scope.tenantID, scope.userID, window?.lowerBound, window?.upperBound, limit]
        ).map { (Message(row: $0), $0["score"]) }
    }

    /// The turn `message` belongs to: a user message with the answers that follow it, or an answer with the
    /// user message before it (up to two messages on either side, within the session).
    static func turn(_ db: Database, around message: Message, scope: UserScope) throws -> [Message] {
        switch message.role {
        case .user:
            let after = try adjacent(db, to: message, scope: scope, before: false)
            return [message] + after.prefix { $0.role == .assistant }
        case .assistant:
            let before = try adjacent(db, to: message, scope: scope, before: true)
            var members: [Message] = []
            for previous in before {
                guard previous.role == .assistant || previous.role == .user else { break }
                members.insert(previous, at: 0)
                if previous.role == .user { break }
            }
            return members.first?.role == .user ? members + [message] : [message]
        case .system, .tool:
            return [message]
        }
    }

    /// The message written just before `message` in its session, if any.
    static func neighbour(_ db: Database, before message: Message, scope: UserScope) throws -> Message? {
        try adjacent(db, to: message, scope: scope, before: true, limit: 1).first
    }

    /// Up to `limit` messages of the same session next to `message`, nearest first.
    static func adjacent(_ db: Database, to message: Message, scope: UserScope, before: Bool, limit: Int = 2) throws
        -> [Message]
    {
        let created = Timestamp.millis(message.createdAt)
        let comparison = before ? "<" : ">"
        let order = before ? "DESC" : "ASC"
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(Message.selection("m")) FROM message m
                    WHERE m.session_id = ?1 AND m.tenant_id = ?2 AND m.user_id = ?3
                        AND (m.created_at, m.id) \(comparison) (?4, ?5)
                    ORDER BY m.created_at \(order), m.id \(order) LIMIT ?6
                    """),
            arguments: [message.sessionID, scope.tenantID, scope.userID, created, message.id, limit]
        ).map(Message.init(row:))
    }
}
