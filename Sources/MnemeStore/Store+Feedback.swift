import Foundation
import GRDB

extension Store {
    /// The longest note a rating may carry, in characters.
    public static let maxFeedbackNoteLength = 2000

    /// Rates one of the user's assistant replies; rating it again replaces the rating.
    ///
    /// - Parameters:
    ///   - note: what the user said about the reply (empty text counts as none).
    ///   - message: the reply's row id.
    /// - Throws: ``StoreError/Code/notFound`` if the message is not this user's,
    ///   ``StoreError/Code/invalidInput`` if it is not an assistant reply or the note is too long.
    @discardableResult
    public func setFeedback(
        _ rating: ReplyFeedback.Rating,
        note: String? = nil,
        message: Int64,
        for scope: UserScope
    ) async throws -> ReplyFeedback {
        let note = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        if let note, note.count > Self.maxFeedbackNoteLength {
            throw StoreError.invalid("A feedback note is longer than \(Self.maxFeedbackNoteLength) characters.")
        }
        return try await write { db in
            let role = try String.fetchOne(
                db,
                sql: "SELECT role FROM message WHERE id = ? AND tenant_id = ? AND user_id = ?",
                arguments: [message, scope.tenantID, scope.userID]
            )
            guard let role else { throw StoreError.notFound("Message \(message)") }
            guard role == Message.Role.assistant.rawValue else {
                throw StoreError.invalid("Message \(message) is a \(role) message; only assistant replies are rated.")
            }
            let now = Timestamp.now()
            try db.execute(
                sql: """
                    INSERT INTO reply_feedback (message_id, tenant_id, user_id, rating, note, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, note = excluded.note,
                        created_at = excluded.created_at
                    """,
                arguments: [message, scope.tenantID, scope.userID, rating.rawValue, note, now]
            )
            return ReplyFeedback(messageID: message, rating: rating, note: note, createdAt: Timestamp.date(now))
        }
    }

    /// The user's rating of one of their replies, or `nil` (also when the message is someone else's).
    public func feedback(message: Int64, for scope: UserScope) async throws -> ReplyFeedback? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT message_id, rating, note, created_at FROM reply_feedback
                    WHERE message_id = ? AND tenant_id = ? AND user_id = ?
                    """,
                arguments: [message, scope.tenantID, scope.userID]
            ).map(Self.feedback(row:))
        }
    }

    /// Removes the user's rating of a reply. Returns whether there was one.
    @discardableResult
    public func removeFeedback(message: Int64, for scope: UserScope) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM reply_feedback WHERE message_id = ? AND tenant_id = ? AND user_id = ?",
                arguments: [message, scope.tenantID, scope.userID]
            )
            return db.changesCount > 0
        }
    }

    /// The user's newest assistant reply (in one session, or in any), or `nil` if there is none.
    public func lastReply(for scope: UserScope, session: Int64? = nil) async throws -> Message? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Message.selection()) FROM message
                    WHERE tenant_id = ?1 AND user_id = ?2 AND (?3 IS NULL OR session_id = ?3) AND role = 'assistant'
                    ORDER BY created_at DESC, id DESC LIMIT 1
                    """,
                arguments: [scope.tenantID, scope.userID, session]
            ).map(Message.init(row:))
        }
    }

    static func feedback(row: Row) -> ReplyFeedback {
        ReplyFeedback(
            messageID: row["message_id"],
            rating: ReplyFeedback.Rating(rawValue: row["rating"]) ?? .down,
            note: row["note"],
            createdAt: Timestamp.date(row["created_at"] as Int64)
        )
    }
}
