/// Why a candidate was included or dropped.
public enum TraceReason: String, Sendable, Hashable, Codable {
    /// In the prompt (see ``TraceEntry/trimmed``).
    case included
    /// Did not fit its section's share or the remaining budget.
    case overBudget = "over_budget"
    /// Scored below the section's `min_score`.
    case belowScore = "below_score"
    /// The same message or text is already in the prompt (or in the recent history).
    case duplicate
    /// The user may not see it.
    case notVisible = "not_visible"
    /// A history message without its other half (a user message without its answer, or an answer without
    /// its question at the start of the window): whole turns only.
    case incompleteTurn = "incomplete_turn"
    /// Nothing to say (empty text).
    case empty
    /// Planned in, then removed because the exact recount of the rendered prompt was over budget.
    case overBudgetAfterRecount = "over_budget_after_recount"
    /// The section allows no more items (`max_items`).
    case sectionLimit = "section_limit"
}
