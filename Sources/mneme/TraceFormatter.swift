import Foundation
import MnemeContext

/// Prints a context trace for people: sections, what was included and dropped and why, and
/// the token arithmetic.
enum TraceFormatter {
    static func sections(_ trace: ContextTrace) -> String {
        let budget = trace.budget
        var lines: [String] = []
        if let id = trace.id { lines.append("Trace \(id)") }
        lines.append(
            "Budget: window \(budget.contextWindow) − output \(budget.reservedOutput) − margin \(budget.safetyMargin) "
                + "= \(budget.available) tokens available; prompt uses \(budget.total) (exact recount)"
        )
        let rows = ContextSection.allCases.map { section -> [String] in
            let entries = trace.entries(in: section)
            let used = entries.filter(\.included).reduce(0) { $0 + $1.tokens }
            return [
                section.rawValue, String(entries.filter(\.included).count),
                String(entries.filter { !$0.included }.count),
                String(used),
            ]
        }
        lines.append(Output.table(["SECTION", "INCLUDED", "DROPPED", "TOKENS"], rows))
        return lines.joined(separator: "\n")
    }

    static func entries(_ trace: ContextTrace, droppedOnly: Bool = false) -> String {
        let rows = trace.entries.filter { !droppedOnly || !$0.included }.map { entry -> [String] in
            [
                entry.section.rawValue, entry.included ? "yes" : "no", entry.reason.rawValue, String(entry.tokens),
                entry.score.map { String(format: "%.2f", $0) } ?? "", describe(entry),
            ]
        }
        if rows.isEmpty { return droppedOnly ? "Nothing was dropped." : "No candidates." }
        return Output.table(["SECTION", "IN", "REASON", "TOKENS", "SCORE", "WHAT"], rows)
    }

    static func describe(_ entry: TraceEntry) -> String {
        var parts = [entry.id]
        if let source = entry.source {
            if let title = source.title {
                parts.append(([title] + (source.headingPath ?? [])).joined(separator: " › "))
            }
            if let external = source.externalId { parts.append("external id \(external)") }
            if let session = source.sessionId { parts.append("session \(session)") }
        }
        if entry.trimmed { parts.append("trimmed") }
        if let duplicate = entry.duplicateOf { parts.append("duplicate of \(duplicate)") }
        return parts.joined(separator: " · ")
    }
}
