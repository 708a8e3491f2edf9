import ArgumentParser
import Foundation
import MnemeStore

/// `mneme usage`: tokens and cost per user, from the turns' records and the price table.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Show tokens and cost of the user's turns (or, with --all, of every user of the tenant).",
        discussion: """
            Costs come from the [prices] table of the configuration file at the time of each turn; turns on \
            models without a price are counted as "unpriced", not as free.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Every user of the tenant, most expensive first.")
    var all = false

    @Option(help: "Only turns on or after this day (YYYY-MM-DD, UTC).")
    var since: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let start = try since.map(Self.day)
        let store = try global.openStore()
        let rows: [UserUsage]
        if all {
            rows = try await store.usageByUser(tenant: global.tenantName, since: start)
        } else if let user = try await global.existingUser(store) {
            rows = [UserUsage(user: global.userID, totals: try await store.usage(for: user.scope, since: start))]
        } else {
            rows = [UserUsage(user: global.userID, totals: UsageTotals())]
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Output.line(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        let table = rows.map { row in
            [
                row.user, String(row.totals.turns), String(row.totals.promptTokens),
                String(row.totals.completionTokens),
                String(format: "$%.4f", row.totals.costUSD), String(row.totals.unpricedTurns),
            ]
        }
        Output.line(Output.table(["USER", "TURNS", "PROMPT", "COMPLETION", "COST", "UNPRICED"], table))
    }

    static func day(_ text: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else {
            throw ValidationError("--since takes a day as YYYY-MM-DD, not '\(text)'")
        }
        return date
    }
}
