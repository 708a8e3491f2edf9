/// Decides, for one chat turn, what the model sees within the token budget, and records why.
///
/// Pure: values in, values out, no I/O. Token counting is injected (``TokenCountingFunction``).
///
/// ```swift
/// let builder = ContextBuilder(counter: { tokenizer.count($0) })
/// let built = try builder.build(input)
/// let request = built.prompt.openAIMessages()
/// let json = try built.trace.jsonData()
/// ```
///
/// How it decides:
/// 1. Budget: `available = contextWindow − reservedOutput − safetyMargin`. The system instruction and the user
///    message are mandatory; if they alone exceed `available` they are trimmed (noted in the trace).
///    `flexible = available − replyPriming − mandatory` is shared by the optional sections.
/// 2. Candidates are filtered (not visible, empty, below `min_score`, duplicate) and ordered: facts by score,
///    examples pinned first then by score, documents and recall by score, history as whole turns newest first.
///    Over-long single items are trimmed at sentence boundaries with a marker (``SectionPolicy/maxItemShare``).
/// 3. Allocation by ``BudgetPolicy``: minimum shares by priority, then maximum shares by priority (history stays
///    a contiguous run of the newest whole turns; other sections skip what does not fit and try smaller items).
/// 4. The prompt is rendered and recounted exactly with the counter, including per-message overheads (the system
///    text, which joins blocks, is counted again; each message's text keeps the count it was planned with — a
///    message is counted on its own, so a candidate's `tokens` must be its exact count for this counter); while
///    it is over `available`, the lowest-priority, least valuable item is dropped (`over_budget_after_recount`).
public struct ContextBuilder: Sendable {
    /// The default policy (an input's own ``ContextInput/policy`` wins).
    public var policy: BudgetPolicy
    /// Counts tokens for the target model.
    public let counter: TokenCountingFunction

    /// Creates a builder.
    public init(policy: BudgetPolicy = .default, counter: @escaping TokenCountingFunction) {
        self.policy = policy
        self.counter = counter
    }

    /// Builds the prompt and its trace.
    ///
    /// - Throws: ``ContextError`` with `invalidLimits`, `invalidPolicy`, or `budgetTooSmall` when even the
    ///   trimmed mandatory parts cannot fit.
    public func build(_ input: ContextInput) throws(ContextError) -> BuiltContext {
        let policy = input.policy ?? self.policy
        try policy.validate()
        try Self.validate(input.limits)
        var assembly = ContextAssembly(input: input, policy: policy, counter: counter)
        return try assembly.run()
    }

    static func validate(_ limits: ModelLimits) throws(ContextError) {
        guard limits.contextWindow > 0, limits.reservedOutput >= 0, limits.safetyMargin >= 0,
            limits.tokensPerMessage >= 0, limits.replyPriming >= 0
        else {
            throw ContextError(
                code: .invalidLimits,
                message: "model limits must be non-negative and the context window positive "
                    + "(window \(limits.contextWindow), output \(limits.reservedOutput), margin \(limits.safetyMargin))"
            )
        }
        guard limits.available > limits.replyPriming else {
            throw ContextError(
                code: .invalidLimits,
                message: "no prompt budget: context window \(limits.contextWindow) − reserved output "
                    + "\(limits.reservedOutput) − safety margin \(limits.safetyMargin) = \(limits.available); "
                    + "lower the output reserve or choose a model with a larger window")
        }
    }
}
