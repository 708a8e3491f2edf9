import Foundation
import GRDB

extension Store {
    /// Starts a new session for the user.
    ///
    /// - Parameter externalID: the application's id for the session, unique for the user.
    /// - Throws: ``StoreError/Code/notFound`` if the user does not exist,
    ///   ``StoreError/Code/invalidInput`` if `externalID` is already used by this user.
    public func createSession(
        for scope: UserScope,
        title: String? = nil,
        persona: String? = nil,
        externalID: String? = nil
    ) async throws -> Session {
        if let externalID { try Validate.name(externalID, "A session id", maxLength: 512) }
        return try await write { db in
            try Self.requireUser(db, scope)
            return try Self.insertSession(db, scope: scope, title: title, persona: persona, externalID: externalID)
        }
    }

    static func insertSession(
        _ db: Database,
        scope: UserScope,
        title: String?,
        persona: String?,
        externalID: String?
    ) throws -> Session {
        do {
            try db.execute(
                sql: """
                    INSERT INTO session (tenant_id, user_id, external_id, title, persona, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [scope.tenantID, scope.userID, externalID, title, persona, Timestamp.now()]
            )
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.invalid("This user already has a session with id '\(externalID ?? "")'.")
        }
        return try session(db, id: db.lastInsertedRowID, scope: scope)
    }

    static func session(_ db: Database, id: Int64, scope: UserScope) throws -> Session {
        guard let row = try sessionRow(db, id: id, scope: scope) else { throw StoreError.notFound("Session \(id)") }
        return Session(row: row)
    }

    static func sessionRow(_ db: Database, id: Int64, scope: UserScope) throws -> Row? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM session WHERE id = ? AND tenant_id = ? AND user_id = ?"),
            arguments: [id, scope.tenantID, scope.userID]
        )
    }

    /// Returns the user's session with row id `id`, or `nil` (also when it is someone else's).
    public func session(_ id: Int64, for scope: UserScope) async throws -> Session? {
        try await read { db in try Self.sessionRow(db, id: id, scope: scope).map(Session.init(row:)) }
    }

    /// Returns the user's session with the application id `externalID`, or `nil`.
    public func session(externalID: String, for scope: UserScope) async throws -> Session? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM session WHERE tenant_id = ? AND user_id = ? AND external_id = ?",
                arguments: [scope.tenantID, scope.userID, externalID]
            ).map(Session.init(row:))
        }
    }

    /// Lists the user's sessions, newest first, with message counts.
    public func sessions(for scope: UserScope, limit: Int = 100) async throws -> [SessionSummary] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*,
                        (SELECT count(*) FROM message m WHERE m.session_id = s.id) AS message_count,
                        (SELECT max(created_at) FROM message m WHERE m.session_id = s.id) AS last_message_at
                    FROM session s
                    WHERE s.tenant_id = ? AND s.user_id = ?
                    ORDER BY s.created_at DESC, s.id DESC LIMIT ?
                    """,
                arguments: [scope.tenantID, scope.userID, limit]
            ).map { row in
                SessionSummary(
                    session: Session(row: row),
                    messageCount: row["message_count"],
                    lastMessageAt: Timestamp.date(row["last_message_at"] as Int64?)
                )
            }
        }
    }

    /// Deletes one of the user's sessions with its messages, and purges their words from the
    /// full-text index. Returns whether the session existed.
    @discardableResult
    public func deleteSession(_ id: Int64, for scope: UserScope) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM session WHERE id = ? AND tenant_id = ? AND user_id = ?",
                arguments: [id, scope.tenantID, scope.userID]
            )
            let deleted = db.changesCount > 0
            if deleted { try Erasure.purgeFullTextIndexes(db) }
            return deleted
        }
    }
}
