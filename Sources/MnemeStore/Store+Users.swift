import Foundation
import GRDB

extension Store {
    /// Returns the tenant named `name`, creating it if needed.
    public func ensureTenant(_ name: String) async throws -> Tenant {
        try Validate.name(name, "A tenant name")
        return try await write { db in try Self.ensureTenant(db, name: name) }
    }

    static func ensureTenant(_ db: Database, name: String) throws -> Tenant {
        try db.execute(
            sql: "INSERT INTO tenant (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            arguments: [name, Timestamp.now()]
        )
        let row = try Row.fetchOne(db, sql: "SELECT * FROM tenant WHERE name = ?", arguments: [name])
        guard let row else { throw StoreError.notFound("Tenant \(name)") }
        return Tenant(row: row)
    }

    /// Returns the user with the application id `externalID` in `tenant`, creating the tenant
    /// and the user if needed. A given `displayName` or `attributes` replaces the stored one.
    ///
    /// ```swift
    /// let alice = try await store.ensureUser(tenant: "acme", externalID: "u-42", displayName: "Alice")
    /// ```
    public func ensureUser(
        tenant: String,
        externalID: String,
        displayName: String? = nil,
        attributes: [String: String]? = nil
    ) async throws -> User {
        try Validate.name(tenant, "A tenant name")
        try Validate.name(externalID, "A user id", maxLength: 512)
        return try await write { db in
            let tenantRow = try Self.ensureTenant(db, name: tenant)
            try db.execute(
                sql: """
                    INSERT INTO user (tenant_id, external_id, display_name, attributes, created_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, external_id) DO NOTHING
                    """,
                arguments: [
                    tenantRow.id, externalID, displayName, JSONColumn.encode(attributes ?? [:]), Timestamp.now(),
                ]
            )
            if let displayName {
                try db.execute(
                    sql: "UPDATE user SET display_name = ? WHERE tenant_id = ? AND external_id = ?",
                    arguments: [displayName, tenantRow.id, externalID]
                )
            }
            if let attributes {
                try db.execute(
                    sql: "UPDATE user SET attributes = ? WHERE tenant_id = ? AND external_id = ?",
                    arguments: [JSONColumn.encode(attributes), tenantRow.id, externalID]
                )
            }
            let row = try Row.fetchOne(
                db,
                sql: "SELECT * FROM user WHERE tenant_id = ? AND external_id = ?",
                arguments: [tenantRow.id, externalID]
            )
            guard let row else { throw StoreError.notFound("User \(externalID)") }
            return User(row: row)
        }
    }

    /// Returns the user with the application id `externalID` in `tenant`, or `nil`.
    public func user(tenant: String, externalID: String) async throws -> User? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT user.* FROM user JOIN tenant ON tenant.id = user.tenant_id
                    WHERE tenant.name = ? AND user.external_id = ?
                    """,
                arguments: [tenant, externalID]
            ).map(User.init(row:))
        }
    }

    /// Returns the user behind `scope`, or `nil` if there is none.
    public func user(_ scope: UserScope) async throws -> User? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM user WHERE id = ? AND tenant_id = ?",
                arguments: [scope.userID, scope.tenantID]
            ).map(User.init(row:))
        }
    }

    /// Lists the users of `tenant`, ordered by their application id.
    public func users(tenant: String, limit: Int = 1000) async throws -> [User] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT user.* FROM user JOIN tenant ON tenant.id = user.tenant_id
                    WHERE tenant.name = ? ORDER BY user.external_id LIMIT ?
                    """,
                arguments: [tenant, limit]
            ).map(User.init(row:))
        }
    }

    /// Checks inside a transaction that `scope` names an existing user.
    static func requireUser(_ db: Database, _ scope: UserScope) throws {
        let exists = try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM user WHERE id = ? AND tenant_id = ?)",
            arguments: [scope.userID, scope.tenantID]
        )
        if exists != true { throw StoreError.notFound("The user (\(scope))") }
    }
}
