public import Foundation
import GRDB

/// The record of one assistant turn: what was sent, what came back, and why the prompt held
/// what it held.
public struct TurnRecord: Hashable, Sendable, Codable {
    public let id: Int64
    public let sessionID: Int64
    public let userMessageID: Int64?
    public let replyMessageID: Int64?
    /// The model as requested (`provider:model`).
    public let model: String
    /// The route that chose it, if any.
    public let route: String?
    public let promptTokens: Int?
    public let completionTokens: Int?
    /// Mneme's own count of the prompt, to compare with `promptTokens` as the provider counted.
    public let estimatedPromptTokens: Int?
    public let latencyMilliseconds: Int?
    /// The cost in USD from the configured price table, `nil` when the model has no price.
    public let costUSD: Double?
    public let status: Message.Status
    /// What went wrong, for failed turns (never secrets).
    public let error: String?
    /// The context trace as JSON.
    public let trace: String
    public let createdAt: Date
}

/// The end of a turn, stored by ``Store/finishTurn(_:for:)`` in one transaction.
public struct TurnCompletion: Sendable {
    public var sessionID: Int64
    public var userMessageID: Int64?
    /// The reply so far; may be empty for a turn that failed before any text.
    public var reply: String
    public var status: Message.Status
    public var model: String
    public var route: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var estimatedPromptTokens: Int?
    public var replyTokenCount: Int?
    public var tokenizer: String?
    public var latencyMilliseconds: Int?
    /// The cost in USD, when the model has a price.
    public var costUSD: Double?
    public var error: String?
    /// The context trace as JSON.
    public var trace: String

    /// Creates a turn completion.
    public init(
        sessionID: Int64, userMessageID: Int64?, reply: String, status: Message.Status, model: String,
        route: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil,
        estimatedPromptTokens: Int? = nil, replyTokenCount: Int? = nil, tokenizer: String? = nil,
        latencyMilliseconds: Int? = nil, costUSD: Double? = nil, error: String? = nil, trace: String
    ) {
        self.sessionID = sessionID
        self.userMessageID = userMessageID
        self.reply = reply
        self.status = status
        self.model = model
        self.route = route
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.estimatedPromptTokens = estimatedPromptTokens
        self.replyTokenCount = replyTokenCount
        self.tokenizer = tokenizer
        self.latencyMilliseconds = latencyMilliseconds
        self.costUSD = costUSD
        self.error = error
        self.trace = trace
    }
}

extension Store {
    /// Stores the reply (complete, partial or failed) and the turn's record — usage, latency,
    /// model, trace — in one transaction. A failed turn with no text stores no reply message.
    @discardableResult
    public func finishTurn(_ turn: TurnCompletion, for scope: UserScope) async throws -> TurnRecord {
        try await write { db in
            guard try Self.sessionRow(db, id: turn.sessionID, scope: scope) != nil else {
                throw StoreError.notFound("Session \(turn.sessionID)")
            }
            var replyID: Int64?
            if !turn.reply.isEmpty || turn.status == .complete {
                replyID = try Self.insertMessage(
                    db,
                    NewMessage(
                        role: .assistant, content: turn.reply, tokenCount: turn.replyTokenCount,
                        tokenizer: turn.tokenizer, model: turn.model, status: turn.status
                    ),
                    sessionID: turn.sessionID, scope: scope
                ).id
            }
            try db.execute(
                sql: """
                    INSERT INTO prompt_log (tenant_id, user_id, session_id, user_message_id, reply_message_id, model,
                        route, prompt_tokens, completion_tokens, estimated_prompt_tokens, latency_ms, cost_usd, status,
                        error, trace, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    scope.tenantID, scope.userID, turn.sessionID, turn.userMessageID, replyID, turn.model, turn.route,
                    turn.promptTokens, turn.completionTokens, turn.estimatedPromptTokens, turn.latencyMilliseconds,
                    turn.costUSD, turn.status.rawValue, turn.error, turn.trace, Timestamp.now(),
                ]
            )
            return try Self.turn(db, id: db.lastInsertedRowID, scope: scope)!
        }
    }

    private static func turn(_ db: Database, id: Int64, scope: UserScope) throws -> TurnRecord? {
        try Row.fetchOne(
            db,
            sql: "SELECT * FROM prompt_log WHERE id = ? AND tenant_id = ? AND user_id = ?",
            arguments: [id, scope.tenantID, scope.userID]
        ).map(TurnRecord.init(row:))
    }

    /// The user's turn with id `id`, or the latest one when `id` is `nil`.
    public func turn(_ id: Int64? = nil, for scope: UserScope) async throws -> TurnRecord? {
        try await read { db in
            if let id { return try Self.turn(db, id: id, scope: scope) }
            return try Row.fetchOne(
                db,
                sql: "SELECT * FROM prompt_log WHERE tenant_id = ? AND user_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [scope.tenantID, scope.userID]
            ).map(TurnRecord.init(row:))
        }
    }
}

extension TurnRecord {
    init(row: Row) {
        self.init(
            id: row["id"],
            sessionID: row["session_id"],
            userMessageID: row["user_message_id"],
            replyMessageID: row["reply_message_id"],
            model: row["model"],
            route: row["route"],
            promptTokens: row["prompt_tokens"],
            completionTokens: row["completion_tokens"],
            estimatedPromptTokens: row["estimated_prompt_tokens"],
            latencyMilliseconds: row["latency_ms"],
            costUSD: row["cost_usd"],
            status: Message.Status(rawValue: row["status"]) ?? .failed,
            error: row["error"],
            trace: row["trace"],
            createdAt: Timestamp.date(row["created_at"] as Int64)
        )
    }
}
