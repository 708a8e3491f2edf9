import GRDB

extension Store {
    /// The few-shot examples of a tenant (of one persona, or all), oldest first.
    public func listExamples(tenant: String, persona: String? = nil, limit: Int = 1000) async throws
        -> [FewShotExample]
    {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM example e JOIN tenant t ON t.id = e.tenant_id
                    WHERE t.name = ?1 AND (?2 IS NULL OR e.persona = ?2) ORDER BY e.id LIMIT ?3
                    """,
                arguments: [tenant, persona, max(0, limit)]
            ).map {
                FewShotExample(
                    id: $0["id"], persona: $0["persona"], input: $0["input"], output: $0["output"],
                    pinned: $0["pinned"], score: 0)
            }
        }
    }

    /// Removes one of the tenant's examples; `false` if it has none with that id.
    @discardableResult
    public func removeExample(_ id: Int64, tenant: String) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM example WHERE id = ? AND tenant_id = (SELECT id FROM tenant WHERE name = ?)",
                arguments: [id, tenant]
            )
            return db.changesCount > 0
        }
    }
}
