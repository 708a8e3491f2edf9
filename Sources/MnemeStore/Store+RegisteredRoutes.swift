import Foundation
import GRDB

extension Store {
    /// Registers a route for the tenant, replacing one of the same name.
    @discardableResult
    public func registerRoute(_ route: NewRegisteredRoute, tenantID: Int64) async throws -> RegisteredRouteRecord {
        try Validate.name(route.name, "A route name")
        try Validate.name(route.target, "A route target", maxLength: 1024)
        let fallbacks = JSONList.encode(route.fallbacks)
        let attributes = JSONColumn.encode(route.userAttributes)
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO registered_route (tenant_id, name, target, fallbacks, persona, user_attributes,
                        tuning_job_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM tuning_job WHERE id = ? AND tenant_id = ?), ?)
                    ON CONFLICT (tenant_id, name) DO UPDATE SET target = excluded.target,
                        fallbacks = excluded.fallbacks, persona = excluded.persona,
                        user_attributes = excluded.user_attributes, tuning_job_id = excluded.tuning_job_id,
                        created_at = excluded.created_at
                    """,
                arguments: [
                    tenantID, route.name, route.target, fallbacks, route.persona, attributes, route.tuningJobID,
                    tenantID, Timestamp.now(),
                ])
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM registered_route WHERE tenant_id = ? AND name = ?",
                arguments: [tenantID, route.name])
            return RegisteredRouteRecord(row: row!)
        }
    }

    /// The tenant's registered routes, in registration order.
    public func registeredRoutes(tenantID: Int64) async throws -> [RegisteredRouteRecord] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM registered_route WHERE tenant_id = ? ORDER BY id", arguments: [tenantID]
            ).map(RegisteredRouteRecord.init(row:))
        }
    }

    /// Removes the tenant's route `name`; returns whether there was one.
    @discardableResult
    public func removeRegisteredRoute(name: String, tenantID: Int64) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM registered_route WHERE tenant_id = ? AND name = ?", arguments: [tenantID, name])
            return db.changesCount > 0
        }
    }
}

extension RegisteredRouteRecord {
    init(row: Row) {
        self.init(
            id: row["id"], name: row["name"], target: row["target"], fallbacks: JSONList.decode(row["fallbacks"]),
            persona: row["persona"], userAttributes: JSONColumn.decode(row["user_attributes"]),
            tuningJobID: row["tuning_job_id"], createdAt: Timestamp.date(row["created_at"] as Int64))
    }
}

/// JSON arrays of strings in TEXT columns.
enum JSONList {
    static func encode(_ list: [String]) -> String {
        guard let data = try? JSONEncoder().encode(list) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}
