import Foundation

extension ValidationReport {
    /// How many issues of one check the text summary lists before it summarizes the rest.
    static let issuesShownPerCode = 20

    /// The report for people: issues by file and line (at most ``issuesShownPerCode`` per check),
    /// then the statistics and the cost estimate.
    public func text() -> String {
        var lines: [String] = []
        let validation = validationFile.map { " and \($0) (\(validationExamples ?? 0) examples)" } ?? ""
        lines.append(
            "\(file): \(examples) examples (\(validExamples) valid)\(validation) for \(target.platform.rawValue) "
                + "\(target.model) — \(errorCount) errors, \(warningCount) warnings")
        var shown: [ValidationCode: Int] = [:]
        for issue in issues {
            shown[issue.code, default: 0] += 1
            if shown[issue.code]! <= Self.issuesShownPerCode { lines.append("  \(issue)") }
        }
        for (code, count) in shown.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where count > Self.issuesShownPerCode {
            lines.append("  … \(count - Self.issuesShownPerCode) more [\(code)] issues (--json lists them all)")
        }
        lines.append("")
        let counting = statistics.exact ? "exact" : "estimated"
        lines.append(
            "Tokens (\(counting), limit \(target.exampleTokenLimit) per example\(target.limitDocumented ? "" : ", assumed")):"
        )
        lines.append(Self.row("messages per example", statistics.messages))
        lines.append(Self.row("tokens per example", statistics.totalTokens))
        lines.append(Self.row("assistant tokens", statistics.assistantTokens))
        lines.append("  \(statistics.tokens) tokens in all; \(overTokenLimit) examples over the limit")
        lines.append(
            "Billing estimate: \(billing.epochs) epochs (\(billing.epochsSource)) × \(billing.tokensPerEpoch) tokens "
                + "= \(billing.billedTokens) billed tokens")
        lines.append(isValid ? "OK: no errors." : "FAILED: \(errorCount) errors.")
        return lines.joined(separator: "\n")
    }

    private static func row(_ title: String, _ distribution: Distribution?) -> String {
        guard let d = distribution else { return "  \(title): -" }
        func format(_ value: Double) -> String { String(format: "%.1f", value) }
        return
            "  \(title): min \(d.min), max \(d.max), mean \(format(d.mean)), median \(format(d.median)), "
            + "p10 \(format(d.p10)), p90 \(format(d.p90))"
    }
}
