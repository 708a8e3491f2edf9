import Foundation
import GRDB

extension Store {
    /// Appends a message to one of the user's sessions.
    ///
    /// - Throws: ``StoreError/Code/notFound`` if the session is not this user's,
    ///   ``StoreError/Code/invalidInput`` if `externalID` is already used by this user.
    @discardableResult
    public func append(_ message: NewMessage, to sessionID: Int64, for scope: UserScope) async throws -> Message {
        try await append(contentsOf: [message], to: sessionID, for: scope)[0]
    }

    /// Appends several messages to one of the user's sessions in one transaction: all or none
    /// are stored.
    @discardableResult
    public func append(
        contentsOf messages: [NewMessage],
        to sessionID: Int64,
        for scope: UserScope
    ) async throws -> [Message] {
        for message in messages { try Self.validate(message) }
        return try await write { db in
            guard try Self.sessionRow(db, id: sessionID, scope: scope) != nil else {
                throw StoreError.notFound("Session \(sessionID)")
            }
            return try messages.map { try Self.insertMessage(db, $0, sessionID: sessionID, scope: scope) }
        }
    }

    static func validate(_ message: NewMessage) throws {
        if let externalID = message.externalID { try Validate.name(externalID, "A message id", maxLength: 512) }
        if let tokenCount = message.tokenCount, tokenCount < 0 {
            throw StoreError.invalid("A message's token count must not be negative.")
        }
    }

    static func insertMessage(_ db: Database, _ message: NewMessage, sessionID: Int64, scope: UserScope) throws
        -> Message
    {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO message (tenant_id, user_id, session_id, role, content, token_count, tokenizer, model,
                    created_at, status, metadata, external_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let createdAt = Timestamp.millis(message.createdAt ?? Date())
        let metadata = message.metadata.isEmpty ? "{}" : JSONColumn.encode(message.metadata)
        do {
            try statement.execute(arguments: [
                scope.tenantID, scope.userID, sessionID, message.role.rawValue, message.content, message.tokenCount,
                message.tokenizer, message.model, createdAt, message.status.rawValue, metadata, message.externalID,
            ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.invalid("This user already has a message with id '\(message.externalID ?? "")'.")
        }
        return Message(
            id: db.lastInsertedRowID,
            sessionID: sessionID,
            role: message.role,
            content: message.content,
            tokenCount: message.tokenCount,
            tokenizer: message.tokenizer,
            model: message.model,
            createdAt: Timestamp.date(createdAt),
            status: message.status,
            metadata: message.metadata,
            externalID: message.externalID
        )
    }

    /// The last `limit` messages of one of the user's sessions, oldest first.
    ///
    /// - Throws: ``StoreError/Code/notFound`` if the session is not this user's.
    public func recentMessages(in sessionID: Int64, for scope: UserScope, limit: Int = 50) async throws -> [Message] {
        try await read { db in
            guard try Self.sessionRow(db, id: sessionID, scope: scope) != nil else {
                throw StoreError.notFound("Session \(sessionID)")
            }
            let messages = try db.cachedStatement(sql: Self.recentMessagesSQL).decodeAll(
                arguments: [sessionID, scope.tenantID, scope.userID, max(0, limit)], Message.init(row:))
            return messages.reversed()
        }
    }

    private static let recentMessagesSQL = """
        SELECT \(Message.selection()) FROM message
        WHERE session_id = ? AND tenant_id = ? AND user_id = ?
        ORDER BY created_at DESC, id DESC LIMIT ?
        """

    /// Messages of one of the user's sessions, oldest first, a page at a time.
    ///
    /// - Parameters:
    ///   - after: the id of the last message of the previous page, or `nil` for the first page.
    public func messages(
        in sessionID: Int64,
        for scope: UserScope,
        after: Int64? = nil,
        limit: Int = 1000
    ) async throws -> [Message] {
        try await read { db in
            guard try Self.sessionRow(db, id: sessionID, scope: scope) != nil else {
                throw StoreError.notFound("Session \(sessionID)")
            }
            return try Self.messagePage(db, scope: scope, sessionID: sessionID, after: after, limit: limit)
        }
    }

    /// A page of the user's messages ordered by id, in one session or in all of them.
    static func messagePage(_ db: Database, scope: UserScope, sessionID: Int64?, after: Int64?, limit: Int) throws
        -> [Message]
    {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(Message.selection()) FROM message
                    WHERE tenant_id = ?1 AND user_id = ?2 AND (?3 IS NULL OR session_id = ?3) AND id > ?4
                    ORDER BY id LIMIT ?5
                    """
            ),
            arguments: [scope.tenantID, scope.userID, sessionID, after ?? 0, max(0, limit)]
        ).map(Message.init(row:))
    }

    /// Returns the user's message with row id `id`, or `nil` (also when it is someone else's).
    public func message(_ id: Int64, for scope: UserScope) async throws -> Message? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(Message.selection()) FROM message WHERE id = ? AND tenant_id = ? AND user_id = ?",
                arguments: [id, scope.tenantID, scope.userID]
            ).map(Message.init(row:))
        }
    }

    /// Changes the text, status or token count of one of the user's messages, for example to
    /// complete a streamed reply or mark it partial.
    @discardableResult
    public func updateMessage(
        _ id: Int64,
        for scope: UserScope,
        content: String? = nil,
        status: Message.Status? = nil,
        tokenCount: Int? = nil,
        tokenizer: String? = nil
    ) async throws -> Message {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE message SET content = coalesce(?, content), status = coalesce(?, status),
                        token_count = coalesce(?, token_count), tokenizer = coalesce(?, tokenizer)
                    WHERE id = ? AND tenant_id = ? AND user_id = ?
                    """,
                arguments: [content, status?.rawValue, tokenCount, tokenizer, id, scope.tenantID, scope.userID]
            )
            let row = try Row.fetchOne(
                db,
                sql: "SELECT \(Message.selection()) FROM message WHERE id = ? AND tenant_id = ? AND user_id = ?",
                arguments: [id, scope.tenantID, scope.userID]
            )
            guard let row else { throw StoreError.notFound("Message \(id)") }
            return Message(row: row)
        }
    }

    /// How many messages the user has, in all sessions.
    public func messageCount(for scope: UserScope) async throws -> Int {
        try await read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM message WHERE tenant_id = ? AND user_id = ?",
                arguments: [scope.tenantID, scope.userID]
            ) ?? 0
        }
    }
}
