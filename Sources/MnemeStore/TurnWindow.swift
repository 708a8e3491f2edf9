import GRDB

/// A recalled message with the messages written around it in its session, read in one query,
/// from which its turn and the turn before it are cut.
///
/// A turn is a user message with the answers that follow it, or an answer with the user message
/// before it — up to two messages on either side, within the session. The window holds
/// ``before`` messages before the match (enough for its turn, the message before that turn, and
/// that message's own turn) and ``after`` after it.
struct TurnWindow {
    static let before = 5
    static let after = 2

    /// The messages in the order they were written.
    let messages: [Message]
    /// The position of the matched message in ``messages``.
    let matched: Int

    /// Reads the window around the message `hit` of `scope` (`nil` if it is not the user's).
    static func read(_ db: Database, around hit: RecallSearch.Candidate, scope: UserScope) throws -> TurnWindow? {
        let rows = try db.cachedStatement(sql: sql).decodeAll(
            arguments: [hit.id, scope.tenantID, scope.userID, hit.sessionID, hit.createdAt, before, after],
            Message.init(row:))
        let messages = rows.sorted {
            let (left, right) = (Timestamp.millis($0.createdAt), Timestamp.millis($1.createdAt))
            return left != right ? left < right : $0.id < $1.id
        }
        guard let position = messages.firstIndex(where: { $0.id == hit.id }) else { return nil }
        return TurnWindow(messages: messages, matched: position)
    }

    /// The match (`?1`, in session `?4`, written at `?5`), the `?6` messages before it and the `?7` after it in
    /// its session. The session index is named: without statistics SQLite would pick the user index, and
    /// walk all the user's older messages.
    private static let sql = """
        SELECT * FROM (
            SELECT \(Message.selection("m")) FROM message m INDEXED BY message_session
            WHERE m.session_id = ?4 AND m.tenant_id = ?2 AND m.user_id = ?3 AND (m.created_at, m.id) < (?5, ?1)
            ORDER BY m.created_at DESC, m.id DESC LIMIT ?6
        )
        UNION ALL
        SELECT \(Message.selection("m")) FROM message m WHERE m.id = ?1 AND m.tenant_id = ?2 AND m.user_id = ?3
        UNION ALL
        SELECT * FROM (
            SELECT \(Message.selection("m")) FROM message m INDEXED BY message_session
            WHERE m.session_id = ?4 AND m.tenant_id = ?2 AND m.user_id = ?3 AND (m.created_at, m.id) > (?5, ?1)
            ORDER BY m.created_at ASC, m.id ASC LIMIT ?7
        )
        """

    /// The matched message's turn.
    var matchedTurn: [Message] { turn(at: matched) }

    /// The turn just before the matched message's turn, if the session has one.
    var previousTurn: [Message]? {
        let first = turnStart(at: matched)
        guard first > 0 else { return nil }
        return turn(at: first - 1)
    }

    /// The turn of the message at `index`.
    func turn(at index: Int) -> [Message] {
        switch messages[index].role {
        case .user:
            let following = messages[(index + 1)..<min(index + 1 + Self.after, messages.count)]
            return [messages[index]] + following.prefix { $0.role == .assistant }
        case .assistant:
            return Array(messages[turnStart(at: index)...index])
        case .system, .tool:
            return [messages[index]]
        }
    }

    /// Where the turn of the message at `index` starts: itself for a user message; for an answer, the user
    /// message up to two places before it when only answers lie between, else the answer itself.
    private func turnStart(at index: Int) -> Int {
        guard messages[index].role == .assistant else { return index }
        var position = index - 1
        while position >= 0, index - position <= 2 {
            switch messages[position].role {
            case .user: return position
            case .assistant: position -= 1
            case .system, .tool: return index
            }
        }
        return index
    }
}
