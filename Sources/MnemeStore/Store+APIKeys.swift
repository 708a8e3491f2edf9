import Foundation
import GRDB

extension Store {
    /// Stores a new API key of `tenant` (created if needed) by its hash.
    ///
    /// - Parameters:
    ///   - prefix: the key's first characters, for listings.
    ///   - hash: the SHA-256 of the whole key, in lowercase hex. The key itself is never stored.
    /// - Throws: ``StoreError/Code/invalidInput`` for an empty prefix or a hash that is not 64
    ///   hex digits, or a hash already stored.
    public func addAPIKey(tenant: String, prefix: String, hash: String, scope: APIKeyScope, name: String? = nil)
        async throws -> APIKeyRecord
    {
        try Validate.name(tenant, "A tenant name")
        try Validate.name(prefix, "A key prefix", maxLength: 32)
        if let name { try Validate.name(name, "A key name") }
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { throw StoreError.invalid("A key hash must be 64 lowercase hex digits (SHA-256).") }
        return try await write { db in
            let tenantID = try Self.ensureTenant(db, name: tenant).id
            do {
                try db.execute(
                    sql: """
                        INSERT INTO api_key (tenant_id, prefix, hash, scope, name, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [tenantID, prefix, hash, scope.rawValue, name, Timestamp.now()]
                )
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError.invalid("This key is already stored.")
            }
            return try Self.apiKeys(db, where: "k.id = ?", [db.lastInsertedRowID])[0]
        }
    }

    /// The active (not revoked) key with this hash, or `nil`.
    public func activeAPIKey(hash: String) async throws -> APIKeyRecord? {
        try await read { db in
            try Self.apiKeys(db, where: "k.hash = ? AND k.revoked_at IS NULL", [hash]).first
        }
    }

    /// The keys of `tenant` (or of every tenant), revoked ones included, oldest first.
    public func apiKeys(tenant: String? = nil) async throws -> [APIKeyRecord] {
        try await read { db in
            try Self.apiKeys(db, where: "(?1 IS NULL OR t.name = ?1)", [tenant])
        }
    }

    /// Revokes the active keys whose prefix is `prefix` (in `tenant`, if given), at once: the
    /// next request made with them is refused. Returns the keys revoked.
    @discardableResult
    public func revokeAPIKeys(prefix: String, tenant: String? = nil) async throws -> [APIKeyRecord] {
        try Validate.name(prefix, "A key prefix", maxLength: 32)
        return try await write { db in
            let matching = try Self.apiKeys(
                db, where: "k.prefix = ?1 AND k.revoked_at IS NULL AND (?2 IS NULL OR t.name = ?2)", [prefix, tenant])
            for key in matching {
                try db.execute(
                    sql: "UPDATE api_key SET revoked_at = ? WHERE id = ?", arguments: [Timestamp.now(), key.id])
            }
            return try matching.map { try Self.apiKeys(db, where: "k.id = ?", [$0.id])[0] }
        }
    }

    /// Records that the key was used now.
    public func touchAPIKey(_ id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE api_key SET last_used_at = ? WHERE id = ?", arguments: [Timestamp.now(), id])
        }
    }

    private static func apiKeys(_ db: Database, where condition: String, _ arguments: [(any DatabaseValueConvertible)?])
        throws -> [APIKeyRecord]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT k.*, t.name AS tenant FROM api_key k JOIN tenant t ON t.id = k.tenant_id
                WHERE \(condition) ORDER BY k.id
                """,
            arguments: StatementArguments(arguments)
        ).map { row in
            APIKeyRecord(
                id: row["id"], tenant: row["tenant"], prefix: row["prefix"],
                scope: APIKeyScope(rawValue: row["scope"]) ?? .chat, name: row["name"],
                createdAt: Timestamp.date(row["created_at"] as Int64),
                lastUsedAt: Timestamp.date(row["last_used_at"] as Int64?),
                revokedAt: Timestamp.date(row["revoked_at"] as Int64?))
        }
    }
}
