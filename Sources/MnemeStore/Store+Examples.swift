import GRDB

/// A few-shot example: an input and the answer the assistant should give, per persona.
public struct FewShotExample: Hashable, Sendable, Codable {
    /// Row id.
    public let id: Int64
    /// The persona it belongs to (empty: every persona).
    public let persona: String
    /// The user's message of the example.
    public let input: String
    /// The answer the assistant should give.
    public let output: String
    /// Always offered, whatever the user's message.
    public let pinned: Bool
    /// Similarity to the message it was selected for (BM25; 0 for pinned examples not matched).
    public let score: Double
}

extension Store {
    /// Stores a few-shot example for a tenant's persona.
    @discardableResult
    public func addExample(tenant: String, persona: String = "", input: String, output: String, pinned: Bool = false)
        async throws -> Int64
    {
        try Validate.name(tenant, "A tenant name")
        if input.isEmpty || output.isEmpty { throw StoreError.invalid("An example needs an input and an output.") }
        return try await write { db in
            let tenantID = try Self.ensureTenant(db, name: tenant).id
            try db.execute(
                sql:
                    "INSERT INTO example (tenant_id, persona, input, output, pinned, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [tenantID, persona, input, output, pinned, Timestamp.now()]
            )
            return db.lastInsertedRowID
        }
    }

    /// The pinned examples of the persona (and of every persona) plus those whose input best
    /// matches `text`, best first.
    public func examples(tenantID: Int64, persona: String, matching text: String, limit: Int = 8) async throws
        -> [FewShotExample]
    {
        let query = DocumentQuery.match(text)
        return try await read { db in
            var results = try db.cachedStatement(
                sql: "SELECT * FROM example WHERE tenant_id = ? AND persona IN ('', ?) AND pinned = 1 ORDER BY id"
            ).decodeAll(arguments: [tenantID, persona]) { Self.example($0, score: 0) }
            guard let query else { return results }
            results += try db.cachedStatement(
                sql: """
                    SELECT e.*, -bm25(example_fts) AS score FROM example_fts CROSS JOIN example e ON e.id = example_fts.rowid
                    WHERE example_fts MATCH ? AND e.tenant_id = ? AND e.persona IN ('', ?) AND e.pinned = 0
                    ORDER BY score DESC LIMIT ?
                    """
            ).decodeAll(arguments: [query, tenantID, persona, limit]) { Self.example($0, score: $0["score"]) }
            return results
        }
    }

    /// The tenant's examples, of one persona (`""`: the shared ones) or all, pinned first, then oldest first.
    public func examples(tenant: String, persona: String? = nil) async throws -> [FewShotExample] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM example e JOIN tenant t ON t.id = e.tenant_id
                    WHERE t.name = ?1 AND (?2 IS NULL OR e.persona = ?2) ORDER BY e.pinned DESC, e.id
                    """,
                arguments: [tenant, persona]
            ).map { Self.example($0, score: 0) }
        }
    }

    /// Removes examples of the tenant by id; returns how many were removed (ids of other tenants are not found).
    @discardableResult
    public func removeExamples(_ ids: [Int64], tenant: String) async throws -> Int {
        if ids.isEmpty { return 0 }
        return try await write { db in
            var removed = 0
            for id in ids {
                try db.execute(
                    sql: "DELETE FROM example WHERE id = ? AND tenant_id = (SELECT id FROM tenant WHERE name = ?)",
                    arguments: [id, tenant])
                removed += db.changesCount
            }
            if removed > 0 { try db.execute(sql: "INSERT INTO example_fts(example_fts) VALUES ('optimize')") }
            return removed
        }
    }

    private static func example(_ row: Row, score: Double) -> FewShotExample {
        FewShotExample(
            id: row["id"], persona: row["persona"], input: row["input"], output: row["output"],
            pinned: row["pinned"], score: score
        )
    }
}
