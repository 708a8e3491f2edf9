public import Foundation
import GRDB

/// Tokens and cost summed over turns.
public struct UsageTotals: Sendable, Hashable, Codable {
    /// Turns counted (complete, partial and failed).
    public var turns: Int
    /// Prompt tokens as the providers reported them.
    public var promptTokens: Int
    /// Completion tokens as the providers reported them.
    public var completionTokens: Int
    /// The cost in USD of the turns whose model had a price.
    public var costUSD: Double
    /// Turns whose model had no price in the table (their cost is unknown, not zero).
    public var unpricedTurns: Int

    /// Creates totals.
    public init(
        turns: Int = 0, promptTokens: Int = 0, completionTokens: Int = 0, costUSD: Double = 0, unpricedTurns: Int = 0
    ) {
        self.turns = turns
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.costUSD = costUSD
        self.unpricedTurns = unpricedTurns
    }

    init(row: Row) {
        self.init(
            turns: row["turns"] ?? 0, promptTokens: row["prompt_tokens"] ?? 0,
            completionTokens: row["completion_tokens"] ?? 0, costUSD: row["cost"] ?? 0,
            unpricedTurns: row["unpriced"] ?? 0)
    }
}

/// One user's totals, by the application's id for them.
public struct UserUsage: Sendable, Hashable, Codable {
    /// The user's id in the application.
    public var user: String
    /// Their totals.
    public var totals: UsageTotals

    /// Creates a row.
    public init(user: String, totals: UsageTotals) {
        self.user = user
        self.totals = totals
    }
}

extension Store {
    private static let totalsColumns = """
        COUNT(*) AS turns, SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens,
        SUM(cost_usd) AS cost, SUM(cost_usd IS NULL) AS unpriced
        """

    /// The user's totals, over turns since `since` (all turns when `nil`).
    ///
    /// ```swift
    /// let totals = try await store.usage(for: user.scope)
    /// print(totals.costUSD, totals.unpricedTurns)
    /// ```
    public func usage(for scope: UserScope, since: Date? = nil) async throws -> UsageTotals {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.totalsColumns) FROM prompt_log
                    WHERE tenant_id = ? AND user_id = ? AND created_at >= ?
                    """,
                arguments: [scope.tenantID, scope.userID, since.map(Timestamp.millis) ?? 0])
            return row.map(UsageTotals.init(row:)) ?? UsageTotals()
        }
    }

    /// Every user of `tenant` with turns since `since`, most expensive first, then by most tokens.
    public func usageByUser(tenant: String, since: Date? = nil) async throws -> [UserUsage] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT user.external_id AS external_id, \(Self.totalsColumns)
                    FROM prompt_log
                    JOIN user ON user.id = prompt_log.user_id AND user.tenant_id = prompt_log.tenant_id
                    JOIN tenant ON tenant.id = prompt_log.tenant_id
                    WHERE tenant.name = ? AND prompt_log.created_at >= ?
                    GROUP BY prompt_log.user_id
                    ORDER BY cost DESC, SUM(prompt_tokens) + SUM(completion_tokens) DESC, user.external_id
                    """,
                arguments: [tenant, since.map(Timestamp.millis) ?? 0]
            ).map { UserUsage(user: $0["external_id"], totals: UsageTotals(row: $0)) }
        }
    }
}
