import Foundation
import GRDB

extension Store {
    /// Records a fact about the user. A different value on the same key replaces the current
    /// one (the old row is kept as history); the same value only refreshes it.
    ///
    /// ```swift
    /// try await store.setFact(NewFact(key: "name", value: "Alice"), for: alice.scope)
    /// ```
    /// - Throws: ``StoreError/Code/invalidInput`` for an empty key or value, a confidence
    ///   outside 0…1, or a source message that is not this user's.
    @discardableResult
    public func setFact(_ fact: NewFact, for scope: UserScope) async throws -> ProfileFact {
        try Validate.name(fact.key, "A fact key", maxLength: 200)
        if fact.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalid("The value of fact '\(fact.key)' must not be empty; use unset to remove a fact.")
        }
        if !(0...1).contains(fact.confidence) {
            throw StoreError.invalid("A fact's confidence must be between 0 and 1 (got \(fact.confidence)).")
        }
        return try await write { db in
            try Self.requireUser(db, scope)
            if let messageID = fact.messageID {
                let owned = try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM message WHERE id = ? AND tenant_id = ? AND user_id = ?)",
                    arguments: [messageID, scope.tenantID, scope.userID]
                )
                if owned != true { throw StoreError.notFound("Message \(messageID)") }
            }
            let now = Timestamp.now()
            let current = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM profile_fact
                    WHERE tenant_id = ? AND user_id = ? AND key = ? AND superseded_at IS NULL
                    """,
                arguments: [scope.tenantID, scope.userID, fact.key]
            ).map(ProfileFact.init(row:))
            if let current, current.value == fact.value {
                try db.execute(
                    sql: """
                        UPDATE profile_fact SET updated_at = ?, source = ?, confidence = ?,
                            message_id = coalesce(?, message_id)
                        WHERE id = ? AND tenant_id = ? AND user_id = ?
                        """,
                    arguments: [
                        now, fact.source.rawValue, fact.confidence, fact.messageID, current.id, scope.tenantID,
                        scope.userID,
                    ]
                )
                return try Self.fact(db, id: current.id, scope: scope)
            }
            if let current {
                try db.execute(
                    sql: "UPDATE profile_fact SET superseded_at = ? WHERE id = ? AND tenant_id = ? AND user_id = ?",
                    arguments: [now, current.id, scope.tenantID, scope.userID]
                )
            }
            try db.execute(
                sql: """
                    INSERT INTO profile_fact
                        (tenant_id, user_id, key, value, source, message_id, confidence, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    scope.tenantID, scope.userID, fact.key, fact.value, fact.source.rawValue, fact.messageID,
                    fact.confidence, now, now,
                ]
            )
            return try Self.fact(db, id: db.lastInsertedRowID, scope: scope)
        }
    }

    private static func fact(_ db: Database, id: Int64, scope: UserScope) throws -> ProfileFact {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT * FROM profile_fact WHERE id = ? AND tenant_id = ? AND user_id = ?",
            arguments: [id, scope.tenantID, scope.userID]
        )
        guard let row else { throw StoreError.notFound("Fact \(id)") }
        return ProfileFact(row: row)
    }

    /// The user's current facts, ordered by key.
    public func facts(for scope: UserScope) async throws -> [ProfileFact] {
        try await read { db in
            try db.cachedStatement(
                sql: """
                    SELECT * FROM profile_fact
                    WHERE tenant_id = ? AND user_id = ? AND superseded_at IS NULL ORDER BY key
                    """
            ).decodeAll(arguments: [scope.tenantID, scope.userID], ProfileFact.init(row:))
        }
    }

    /// Every value the user's facts have had, current and superseded, newest first per key.
    public func factHistory(for scope: UserScope, key: String? = nil) async throws -> [ProfileFact] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM profile_fact
                    WHERE tenant_id = ? AND user_id = ? AND (?3 IS NULL OR key = ?3)
                    ORDER BY key, created_at DESC, id DESC
                    """,
                arguments: [scope.tenantID, scope.userID, key]
            ).map(ProfileFact.init(row:))
        }
    }

    /// Deletes the fact `key` with all its history. Returns whether there was one.
    @discardableResult
    public func unsetFact(_ key: String, for scope: UserScope) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM profile_fact WHERE tenant_id = ? AND user_id = ? AND key = ?",
                arguments: [scope.tenantID, scope.userID, key]
            )
            return db.changesCount > 0
        }
    }
}
