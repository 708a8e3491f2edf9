import Foundation
import GRDB

/// The length in tokens (all columns) of every row of the chunk index, read once from FTS5's
/// `chunk_fts_docsize` table, so that posting lists load without a look-up per row.
struct RowLengths: Sendable {
    /// The first row.
    let base: Int64
    /// The length of each row from ``base`` (0 for rows that do not exist).
    let lengths: [UInt32]

    /// The length of `row`, `nil` when it is not known.
    subscript(row: Int64) -> UInt32? {
        let offset = row &- base
        guard offset >= 0, offset < lengths.count else { return nil }
        return lengths[Int(offset)]
    }

    /// Reads every row's length; `nil` when the rows are too sparse to hold in a flat array
    /// (ids spread over more than 4 slots a row).
    static func read(_ db: Database) throws -> RowLengths? {
        let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id), count(*) FROM chunk_fts_docsize")
        guard let range, let first: Int64 = range[0], let last: Int64 = range[1] else {
            return RowLengths(base: 0, lengths: [])
        }
        let rows: Int = range[2]
        let span = last.subtractingReportingOverflow(first)
        guard !span.overflow, span.partialValue < max(Int64(rows) * 4, 1 << 16) else { return nil }
        var lengths = [UInt32](repeating: 0, count: Int(span.partialValue) + 1)
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, sz FROM chunk_fts_docsize")
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            let size = [UInt8]((row[1] as Data?) ?? Data())
            lengths[Int(id - first)] = UInt32(clamping: SQLiteVarint.decode(size).reduce(0, &+))
        }
        return RowLengths(base: first, lengths: lengths)
    }
}
