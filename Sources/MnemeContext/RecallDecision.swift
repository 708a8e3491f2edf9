/// What ``ContextAssembly/prepareRecall()`` decided for one recall candidate.
struct RecallDecision {
    var reason = TraceReason.overBudget
    var duplicateOf: String?
    var detail: String?

    init() {}

    init(_ reason: TraceReason, of duplicateOf: String?, _ detail: String?) {
        self.reason = reason
        self.duplicateOf = duplicateOf
        self.detail = detail
    }
}
