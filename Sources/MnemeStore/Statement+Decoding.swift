import GRDB

extension Statement {
    /// The rows of the statement decoded one by one as SQLite steps through them — what
    /// `Row.fetchAll(…).map(decode)` returns, without copying every row into boxed values first:
    /// `decode` reads the columns straight from the statement (GRDB's typed fast path). The row
    /// given to `decode` is valid during the call only. Used on the reads of every chat turn.
    func decodeAll<Value>(arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> Value)
        throws -> [Value]
    {
        let cursor = try Row.fetchCursor(self, arguments: arguments)
        var values: [Value] = []
        while let row = try cursor.next() { values.append(try decode(row)) }
        return values
    }
}
