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
        var totals = IndexTotals(rows: 0, averageLength: 1)
        var frequencies: [String: Int] = [:]
    }

    /// The most terms remembered; the cache starts over past it.
    static let capacity = 200_000

    private let state = Mutex(State())

    /// Prepares the cache for a query: clears it if the index changed. Returns the number of
    /// rows in the index and their average length in tokens, and the structure record read (the
    /// index's version, which ``PostingCache`` checks too).
    func refresh(_ db: Database) throws -> (totals: IndexTotals, structure: Data?) {
        let structure = try PostingCache.structure(db)
        if let totals = state.withLock({ $0.structure == structure && structure != nil ? $0.totals : nil }) {
            return (totals, structure)
        }
        // Row 1 of the index holds its totals: the number of rows, then the tokens of each column.
        let block = try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM chunk_fts_data WHERE id = 1"))
        var totals = IndexTotals(averagesRecord: [UInt8](block ?? Data()))
        if totals.rows == 0, let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM chunk"), count > 0 {
            // The record could not be read (an SQLite whose FTS5 stores it differently): approximate
            // the totals from the chunk table, so that search degrades in ranking, never to nothing.
            let average = try Double.fetchOne(db, sql: "SELECT avg(token_count) FROM chunk") ?? 1
            totals = IndexTotals(rows: count, averageLength: max(average, 1))
        }
        state.withLock { $0 = State(structure: structure, totals: totals) }
        return (totals, structure)
    }

    /// Keeps the number of rows holding each of `terms` (the index's vocabulary, read with the
    /// index version `structure`), up to ``capacity`` terms, if the cache holds that version.
    func remember(_ terms: [(term: String, rows: Int)], structure: Data?) {
        state.withLock { state in
            guard state.structure == structure, structure != nil else { return }
            for (term, rows) in terms.prefix(Self.capacity - state.frequencies.count) {
                state.frequencies[term] = rows
            }
        }
    }

    /// The number of rows holding the term `key` if it is known, without counting them.
    func known(_ key: String) -> Int? {
        state.withLock { $0.frequencies[key] }
    }

    /// The number of rows holding `term` (a quoted FTS5 term), cached under `key` (its stem).
    func frequency(of term: String, key: String, _ db: Database) throws -> Int {
        if let known = known(key) { return known }
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
