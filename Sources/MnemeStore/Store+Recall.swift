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
        let terms = FullTextQuery.terms(text)
        guard !terms.isEmpty, limit > 0 else { return [] }
        // The owner phrase keeps the match to the user's rows; its column weighs nothing in the score.
        let query = MessageOwner.expression(scope, words: terms)
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Message.selection("m")), -bm25(message_fts, 1, 0) AS score
                    FROM message_fts CROSS JOIN message m ON m.id = message_fts.rowid
                    WHERE message_fts MATCH ?1 AND m.tenant_id = ?2 AND m.user_id = ?3
                        AND (?4 IS NULL OR m.session_id != ?4)
                    ORDER BY bm25(message_fts, 1, 0) LIMIT ?5
                    """,
                arguments: [query, scope.tenantID, scope.userID, excludingSession, limit]
            ).map { MessageHit(message: Message(row: $0), score: $0[Message.columns.count]) }
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
        let statistics = recallStatistics
        return try await read { db in try Self.recall(db, request, scope: scope, statistics: statistics) }
    }

    static func recall(_ db: Database, _ request: RecallRequest, scope: UserScope, statistics: RecallStatistics)
        throws -> [RecalledMessage]
    {
        var request = request
        if let recent = request.excludingRecent {
            request.excluding.formUnion(try recentTurnIDs(db, recent, scope: scope))
        }
        let windows = request.windows.map { Timestamp.millis($0.lowerBound)..<Timestamp.millis($0.upperBound) }
        let now = Timestamp.millis(request.now)
        var scores: [Int64: RecallSearch.Candidate] = [:]
        func collect(_ hits: [RecallSearch.Candidate]) {
            for var hit in hits where !request.excluding.contains(hit.id) {
                if request.recency > 0 {
                    let days = max(0, Double(now - hit.createdAt) / 86_400_000)
                    hit.score *= 1 + request.recency * Foundation.pow(2, -days / max(request.recencyHalfLife, 1))
                }
                if hit.score > scores[hit.id]?.score ?? -1 { scores[hit.id] = hit }
            }
        }
        let words = DocumentQuery.weightedTerms(request.text)
        if !words.isEmpty {
            var search = try RecallSearch(db, statistics: statistics, scope: scope)
            let terms = try search.weighted(words)
            // With windows the best outside them must be exact too: every word selects.
            let exact = (
                count: windows.isEmpty ? request.hits : request.pool, excluding: request.excluding,
                boost: 1 + max(0, request.recency)
            )
            collect(try search.ranked(terms, window: nil, limit: request.pool, exact: exact))
            for window in windows {
                collect(try search.ranked(terms, window: window, limit: request.pool, exact: exact))
            }
        } else {
            for window in windows {
                let latest = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.id, m.session_id, m.created_at FROM message m
                        WHERE m.tenant_id = ?1 AND m.user_id = ?2 AND m.created_at >= ?3 AND m.created_at < ?4
                        ORDER BY m.created_at DESC, m.id DESC LIMIT ?5
                        """,
                    arguments: [scope.tenantID, scope.userID, window.lowerBound, window.upperBound, request.pool]
                )
                collect(
                    latest.enumerated().map { rank, row in
                        RecallSearch.Candidate(
                            id: row[0], sessionID: row[1], createdAt: row[2], score: 1 / Double(rank + 1))
                    })
            }
        }
        let best = normalized(Array(scores.values), windows: windows).prefix(request.hits)
        var turns = RecalledTurns(excluding: request.excluding)
        for hit in best {
            guard let window = try TurnWindow.read(db, around: hit, scope: scope) else { continue }
            turns.add(window.matchedTurn, matched: hit.id, score: hit.score)
            if request.neighbors, let previous = window.previousTurn {
                turns.add(previous, matched: nil, score: hit.score / 2)
            }
        }
        return turns.result()
    }

    /// Scores divided by the best, best first; with windows, matches inside them map to 0.5…1 (divided by the
    /// best inside) and the others to 0…0.5 (divided by the best outside).
    static func normalized(_ hits: [RecallSearch.Candidate], windows: [Range<Int64>]) -> [RecallSearch.Candidate] {
        func inside(_ hit: RecallSearch.Candidate) -> Bool {
            windows.contains { $0.contains(hit.createdAt) }
        }
        let topInside = hits.filter { inside($0) }.map(\.score).max() ?? 0
        let topOutside = hits.filter { !inside($0) }.map(\.score).max() ?? 0
        let scored = hits.compactMap { hit -> RecallSearch.Candidate? in
            let isInside = inside(hit)
            let top = isInside ? topInside : topOutside
            guard top > 0, hit.score > 0 else { return nil }
            let relative = hit.score / top
            var result = hit
            result.score = windows.isEmpty ? relative : (isInside ? 0.5 + relative / 2 : relative / 2)
            return result
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }

    /// The ids of the user and assistant messages among the last `recent.count` of the user's
    /// session `recent.session` (none if the session is not the user's).
    static func recentTurnIDs(_ db: Database, _ recent: RecallRequest.RecentMessages, scope: UserScope) throws
        -> [Int64]
    {
        try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id FROM (
                        SELECT id, role FROM message WHERE session_id = ? AND tenant_id = ? AND user_id = ?
                        ORDER BY created_at DESC, id DESC LIMIT ?
                    ) WHERE role IN ('user', 'assistant')
                    """),
            arguments: [recent.session, scope.tenantID, scope.userID, max(0, recent.count)])
    }
}
