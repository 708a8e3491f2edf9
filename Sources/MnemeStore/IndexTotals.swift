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
        var index = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            for position in 0..<9 {
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                index += 1
                if position == 8 { return (value << 8) | UInt64(byte) }
                value = (value << 7) | UInt64(byte & 0x7F)
                if byte & 0x80 == 0 { return value }
            }
            return value
        }
        let rows = Int(clamping: varint() ?? 0)
        var tokens: UInt64 = 0
        while let column = varint() { tokens &+= column }
        self.rows = rows
        averageLength = rows > 0 && tokens > 0 ? Double(tokens) / Double(rows) : 1
    }
}
