import Foundation

extension EvalReport {
    /// The models side by side: one row per metric, one column per model.
    ///
    /// ```
    /// metric                base                 tuned
    /// target                openai:gpt-4o-mini   openai:ft:gpt-4o-mini:acme:support:abc
    /// answered              40/40                40/40
    /// exact match           12.5%                47.5%
    /// ```
    public func table() -> String {
        let rows: [(String, (ModelSummary) -> String)] = [
            ("target", { $0.target }),
            ("answered", { "\($0.answered)/\(examples)" + ($0.failed > 0 ? " (\($0.failed) failed)" : "") }),
            ("exact match", { Self.percent($0.exactMatch) }),
            ("token F1", { String(format: "%.3f", $0.tokenF1) }),
            ("ROUGE-L", { String(format: "%.3f", $0.rougeL) }),
            ("words per answer", { String(format: "%.1f (reference %.1f)", $0.meanOutputWords, meanReferenceWords) }),
            ("refusal rate", { Self.percent($0.refusalRate) }),
            ("latency p50 / p95", { "\($0.latencyP50Ms) / \($0.latencyP95Ms) ms" }),
            ("tokens in / out", { "\($0.promptTokens) / \($0.completionTokens)" }),
            ("cost", { $0.costUSD.map { String(format: "$%.4f", $0) } ?? "no price" }),
        ]
        var all = rows
        if judge != nil {
            all.append(
                (
                    "judge score (1-5)",
                    { model in
                        model.judgeMean.map { String(format: "%.2f (%d judged)", $0, model.judged) } ?? "-"
                    }
                ))
        }
        let header = ["metric"] + models.map(\.label)
        let body = all.map { name, cell in [name] + models.map(cell) }
        var widths = header.map(\.count)
        for row in body {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let lines = ([header] + body).map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
        var text = lines.joined(separator: "\n")
        text += "\n\nrun \(runID) · \(examples) examples from \(dataPath)"
        if reused > 0 { text += " · \(reused) outputs reused from an earlier invocation" }
        if let judge { text += "\njudge: \(judge) (rubric in the JSON output and docs/user-guide.md)" }
        return text
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }
}
