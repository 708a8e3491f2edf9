/// The number of rows of a full-text index and their average length (all columns), as FTS5's
/// `bm25()` uses them.
struct IndexTotals: Sendable, Hashable {
    var rows: Int
    var averageLength: Double

    init(rows: Int, averageLength: Double) {
        self.rows = rows
        self.averageLength = averageLength
    }

    /// Reads FTS5's averages record: SQLite varints, the row count then each column's tokens.
    init(averagesRecord bytes: [UInt8]) {
        let values = SQLiteVarint.decode(bytes)
        let rows = Int(clamping: values.first ?? 0)
        let tokens = values.dropFirst().reduce(0, &+)
        self.rows = rows
        averageLength = rows > 0 && tokens > 0 ? Double(tokens) / Double(rows) : 1
    }
}
