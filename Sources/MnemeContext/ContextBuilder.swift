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

    /// Whether `counter(x + y) == counter(x) + counter(y)` whenever `x` ends with a line feed and
    /// `y` starts with a character that is neither white space nor `/` — then the rendered system text
    /// is counted line by line (see ``lineStartSegments(of:)``), so that a caching counter counts only
    /// the lines it has not seen. Off by default.
    ///
    /// True of OpenAI's encodings (`cl100k_base`, `o200k_base`): their pre-tokenizer never makes a
    /// piece that spans such a boundary. A piece ending in a line feed is a run of white space ending
    /// in line breaks (`\s*[\r\n]+`, tried before the white-space rules that look ahead, and unable to
    /// take a character that is not white space) or punctuation followed by line breaks
    /// (` ?[^\s\p{L}\p{N}]+[\r\n/]*` — which would take a following `/`, hence the exception); no rule
    /// looks behind, and a letter, digit or punctuation piece never starts with a line feed, so the
    /// pieces of `y` are the same alone and after `x`. BPE merges only within pieces.
    public var countsAddUpAtLineStarts = false

    /// Creates a builder.
    public init(
        policy: BudgetPolicy = .default, counter: @escaping TokenCountingFunction, countsAddUpAtLineStarts: Bool = false
    ) {
        self.policy = policy
        self.counter = counter
        self.countsAddUpAtLineStarts = countsAddUpAtLineStarts
    }

    /// `text` cut after each line feed that is followed by a character other than white space and
    /// `/`: the pieces a counter whose counts add up at line starts (``countsAddUpAtLineStarts``)
    /// counts apart. Joined, they give `text` back.
    public static func lineStartSegments(of text: String) -> [Substring] {
        var segments: [Substring] = []
        var start = text.startIndex
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            if scalars[index] == "\n", next < scalars.endIndex, scalars[next] != "/",
                !scalars[next].properties.isWhitespace
            {
                segments.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex || segments.isEmpty { segments.append(text[start...]) }
        return segments
    }

    /// Builds the prompt and its trace.
    ///
    /// - Throws: ``ContextError`` with `invalidLimits`, `invalidPolicy`, or `budgetTooSmall` when even the
    ///   trimmed mandatory parts cannot fit.
    public func build(_ input: ContextInput) throws(ContextError) -> BuiltContext {
        let policy = input.policy ?? self.policy
        try policy.validate()
        try Self.validate(input.limits)
        var assembly = ContextAssembly(
            input: input, policy: policy, counter: counter, countsAddUpAtLineStarts: countsAddUpAtLineStarts)
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
