import Foundation
import GRDB
import Synchronization

/// Document frequencies of the chunk index's terms, cached between queries.
///
/// Counting the rows that hold a term means reading its whole posting list (what FTS5's
/// `bm25()` does for every phrase of every query); the cache does it once per term. It is
/// dropped whenever the index changes: FTS5 rewrites its structure record (row 10 of
/// `chunk_fts_data`) on every commit that touches the index, so comparing that record —
/// one small read per query — detects any change, from this process or another.
final class TermStatistics: Sendable {
    private struct State {
        var structure: Data?
        var rows = 0
        var frequencies: [String: Int] = [:]
    }

    /// The most terms remembered; the cache starts over past it.
    static let capacity = 200_000

    private let state = Mutex(State())

    /// Prepares the cache for a query: clears it if the index changed. Returns the number of
    /// rows in the index.
    func refresh(_ db: Database) throws -> Int {
        let structure = try Data.fetchOne(db, sql: "SELECT block FROM chunk_fts_data WHERE id = 10")
        if let rows = state.withLock({ $0.structure == structure && structure != nil ? $0.rows : nil }) {
            return rows
        }
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM chunk") ?? 0
        state.withLock { $0 = State(structure: structure, rows: rows) }
        return rows
    }

    /// The number of rows holding `term` (a quoted FTS5 term), cached under `key` (its stem).
    func frequency(of term: String, key: String, _ db: Database) throws -> Int {
        if let known = state.withLock({ $0.frequencies[key] }) { return known }
        let count =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM chunk_fts WHERE chunk_fts MATCH ?"),
                arguments: [term]
            ) ?? 0
        state.withLock {
            if $0.frequencies.count >= Self.capacity { $0.frequencies.removeAll(keepingCapacity: true) }
            $0.frequencies[key] = count
        }
        return count
    }
}
