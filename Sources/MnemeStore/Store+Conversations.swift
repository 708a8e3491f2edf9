public import Foundation
import GRDB

/// Which stored conversations ``Store/conversations(tenant:filter:after:limit:)`` returns.
///
/// ```swift
/// var filter = ConversationFilter()
/// filter.persona = "support"
/// filter.since = Date(timeIntervalSince1970: 1_767_225_600)
/// let page = try await store.conversations(tenant: "acme", filter: filter)
/// ```
public struct ConversationFilter: Hashable, Sendable {
    /// Only this user's conversations (the application's user id); `nil` for every user of the tenant.
    public var user: String?
    /// Only sessions of this persona; `nil` for every persona.
    public var persona: String?
    /// The persona that sessions stored without one ran with (the engine's default persona).
    public var defaultPersona: String?
    /// Only sessions with an assistant reply at or after this time.
    public var since: Date?
    /// Only sessions with an assistant reply before this time.
    public var until: Date?

    /// Creates a filter; with no arguments it matches every conversation of the tenant.
    public init(
        user: String? = nil, persona: String? = nil, defaultPersona: String? = nil, since: Date? = nil,
        until: Date? = nil
    ) {
        self.user = user
        self.persona = persona
        self.defaultPersona = defaultPersona
        self.since = since
        self.until = until
    }
}

/// One session of a user with all its messages, oldest first, and the ratings of its replies.
public struct StoredConversation: Hashable, Sendable {
    /// Whose conversation it is.
    public let user: User
    /// The session.
    public let session: Session
    /// Its messages, oldest first.
    public let messages: [RatedMessage]
}

extension Store {
    /// A page of a tenant's conversations, ordered by session id, for exports of training data.
    ///
    /// Every query filters on the tenant (and on the user when the filter names one) in SQL.
    ///
    /// - Parameters:
    ///   - after: the session id of the last conversation of the previous page, or `nil` for the first page.
    ///   - limit: conversations per page.
    public func conversations(
        tenant: String,
        filter: ConversationFilter = ConversationFilter(),
        after: Int64? = nil,
        limit: Int = 100
    ) async throws -> [StoredConversation] {
        try await read { db in
            guard
                let tenantID = try Int64.fetchOne(db, sql: "SELECT id FROM tenant WHERE name = ?", arguments: [tenant])
            else { return [] }
            let sessions = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.external_id, s.title, s.persona, s.created_at,
                        u.id AS user_row, u.external_id AS user_external_id, u.display_name, u.attributes,
                        u.created_at AS user_created_at
                    FROM session s JOIN user u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
                    WHERE s.tenant_id = ?1 AND (?2 IS NULL OR u.external_id = ?2)
                        AND (?3 IS NULL OR coalesce(s.persona, ?4) = ?3) AND s.id > ?5
                        AND EXISTS (
                            SELECT 1 FROM message m
                            WHERE m.session_id = s.id AND m.tenant_id = s.tenant_id AND m.user_id = s.user_id
                                AND m.role = 'assistant' AND m.created_at >= ?6 AND m.created_at < ?7)
                    ORDER BY s.id LIMIT ?8
                    """,
                arguments: [
                    tenantID, filter.user, filter.persona, filter.defaultPersona, after ?? 0,
                    filter.since.map(Timestamp.millis) ?? Int64.min, filter.until.map(Timestamp.millis) ?? Int64.max,
                    max(0, limit),
                ]
            )
            return try sessions.map { row in
                let user = User(
                    id: row["user_row"], tenantID: tenantID, externalID: row["user_external_id"],
                    displayName: row["display_name"], attributes: JSONColumn.decode(row["attributes"]),
                    createdAt: Timestamp.date(row["user_created_at"] as Int64))
                let session = Session(row: row)
                let messages = try Self.ratedMessages(db, session: session.id, scope: user.scope)
                return StoredConversation(user: user, session: session, messages: messages)
            }
        }
    }

    /// Every message of one session of the user, oldest first, with the ratings of replies.
    static func ratedMessages(_ db: Database, session: Int64, scope: UserScope) throws -> [RatedMessage] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(Message.selection("m")), f.rating FROM message m
                    LEFT JOIN reply_feedback f ON f.message_id = m.id AND f.tenant_id = m.tenant_id
                        AND f.user_id = m.user_id
                    WHERE m.session_id = ? AND m.tenant_id = ? AND m.user_id = ?
                    ORDER BY m.created_at, m.id
                    """
            ),
            arguments: [session, scope.tenantID, scope.userID]
        ).map { row in
            let rating: String? = row[Message.columns.count]
            return RatedMessage(message: Message(row: row), rating: rating.flatMap(ReplyFeedback.Rating.init))
        }
    }

    /// A tenant's few-shot examples (of one persona, or of all), oldest first.
    public func allExamples(tenant: String, persona: String? = nil) async throws -> [FewShotExample] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.* FROM example e JOIN tenant t ON t.id = e.tenant_id
                    WHERE t.name = ?1 AND (?2 IS NULL OR e.persona = ?2) ORDER BY e.id
                    """,
                arguments: [tenant, persona]
            ).map { row in
                FewShotExample(
                    id: row["id"], persona: row["persona"], input: row["input"], output: row["output"],
                    pinned: row["pinned"], score: 0)
            }
        }
    }
}
