import GRDB

extension Store {
    /// The saved calibration of token estimates (JSON written by the engine), if any.
    ///
    /// The calibration holds, per model whose tokenizer is not public, the sums of estimated
    /// and provider-reported prompt tokens; it holds no user data.
    public func calibrationJSON() throws -> String? {
        do {
            return try pool.read { db in try String.fetchOne(db, sql: "SELECT data FROM calibration WHERE id = 1") }
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        }
    }

    /// Saves the calibration of token estimates (JSON).
    public func saveCalibration(json: String) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO calibration (id, data, updated_at) VALUES (1, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
                    """,
                arguments: [json, Timestamp.now()]
            )
        }
    }
}
