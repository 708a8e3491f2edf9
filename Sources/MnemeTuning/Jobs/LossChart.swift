import Foundation

/// Draws training and validation loss over steps as text for a terminal: a scatter of each
/// series on a grid (steps left to right, loss bottom to top), with the loss range on the left,
/// the step range below and a legend. Pure: points in, a string out.
///
/// ```swift
/// print(LossChart(width: 60, height: 12).render(job.loss))
/// ```
///
/// ```
/// 2.000 ┤•
///       │ ◆
///       │  •◆
/// 0.400 ┤    ••◆◆
///       └────────
///        1      8
///        • train  ◆ validation
/// ```
///
/// Several steps falling into one column are averaged. Where both series land on the same cell
/// the cell shows `◉` (`#` in ASCII).
public struct LossChart: Sendable, Hashable {
    /// The characters used.
    public enum Style: Sendable, Hashable {
        /// Box-drawing characters and bullets.
        case unicode
        /// Plain ASCII (`*`, `o`, `#`, `|`, `-`, `+`).
        case ascii
    }

    /// Columns of the plot area (at least 2).
    public var width: Int
    /// Rows of the plot area (at least 2).
    public var height: Int
    /// Characters.
    public var style: Style

    /// Creates a chart.
    public init(width: Int = 60, height: Int = 12, style: Style = .unicode) {
        self.width = max(2, width)
        self.height = max(2, height)
        self.style = style
    }

    private var glyphs:
        (
            train: Character, valid: Character, both: Character, axis: Character, tick: Character,
            corner: Character, rule: Character
        )
    {
        switch style {
        case .unicode: ("•", "◆", "◉", "│", "┤", "└", "─")
        case .ascii: ("*", "o", "#", "|", "+", "+", "-")
        }
    }

    /// The chart of `points` (any order), or a one-line note when no loss was reported.
    public func render(_ points: [LossPoint]) -> String {
        let points = points.sorted { $0.step < $1.step }
        let values = points.flatMap { [$0.trainLoss, $0.validLoss].compactMap { $0 } }.filter(\.isFinite)
        guard let minStep = points.first?.step, let maxStep = points.last?.step, var low = values.min(),
            var high = values.max()
        else { return "no loss reported yet" }
        if high - low < 1e-9 {
            low -= 0.5
            high += 0.5
        }
        let train = columnAverages(points, minStep: minStep, maxStep: maxStep, value: \.trainLoss)
        let valid = columnAverages(points, minStep: minStep, maxStep: maxStep, value: \.validLoss)
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        func row(_ value: Double) -> Int {
            Int(((high - value) / (high - low) * Double(height - 1)).rounded())
        }
        for (column, value) in train { grid[row(value)][column] = glyphs.train }
        for (column, value) in valid {
            let cell = row(value)
            grid[cell][column] = grid[cell][column] == glyphs.train ? glyphs.both : glyphs.valid
        }
        let labels = [0: Self.formatted(high), height - 1: Self.formatted(low)]
        let margin = max(Self.formatted(high).count, Self.formatted(low).count)
        var lines: [String] = []
        for (index, cells) in grid.enumerated() {
            let label =
                labels[index].map { $0.leftPadded(to: margin) + " \(glyphs.tick)" }
                ?? String(repeating: " ", count: margin) + " \(glyphs.axis)"
            lines.append((label + String(cells)).trailingSpacesRemoved)
        }
        let pad = String(repeating: " ", count: margin + 1)
        lines.append(pad + String(glyphs.corner) + String(repeating: glyphs.rule, count: width))
        let first = String(minStep)
        let last = String(maxStep)
        let gap = max(1, width - first.count - last.count)
        lines.append(pad + " " + (minStep == maxStep ? first : first + String(repeating: " ", count: gap) + last))
        var legend = pad + " \(glyphs.train) train"
        if !valid.isEmpty { legend += "  \(glyphs.valid) validation" }
        lines.append(legend + "   (loss by step)")
        return lines.joined(separator: "\n")
    }

    /// A sentence on the overfitting signal: whether validation loss rose more than 5 % above its
    /// lowest point after reaching it; `nil` without validation loss.
    public static func overfittingNote(_ points: [LossPoint]) -> String? {
        let valid = points.sorted { $0.step < $1.step }.compactMap { point in point.validLoss.map { (point.step, $0) } }
        guard let last = valid.last, let best = valid.min(by: { $0.1 < $1.1 }) else { return nil }
        let rise = best.1 > 0 ? (last.1 - best.1) / best.1 : 0
        if last.0 != best.0, rise > 0.05 {
            return
                "validation loss \(formatted(last.1)) at step \(last.0) is \(Int((rise * 100).rounded()))% above its "
                + "lowest (\(formatted(best.1)) at step \(best.0)): possible overfitting — consider fewer epochs or the "
                + "checkpoint at step \(best.0)"
        }
        return "validation loss \(formatted(last.1)) at step \(last.0) (lowest \(formatted(best.1)) at step \(best.0))"
    }

    /// Mean of `value` per plot column.
    private func columnAverages(
        _ points: [LossPoint], minStep: Int, maxStep: Int, value: KeyPath<LossPoint, Double?>
    ) -> [(Int, Double)] {
        var sums: [Int: (Double, Int)] = [:]
        for point in points {
            guard let loss = point[keyPath: value], loss.isFinite else { continue }
            let column =
                maxStep == minStep
                ? 0 : Int((Double(point.step - minStep) / Double(maxStep - minStep) * Double(width - 1)).rounded())
            let sum = sums[column] ?? (0, 0)
            sums[column] = (sum.0 + loss, sum.1 + 1)
        }
        return sums.keys.sorted().map { ($0, sums[$0]!.0 / Double(sums[$0]!.1)) }
    }

    /// A loss with three decimals, as the chart labels it.
    public static func formatted(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }

    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
