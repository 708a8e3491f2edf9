public import Foundation
public import MnemeContext
public import MnemeProviders
public import MnemeStore

/// What happens during a turn, in order, as ``Engine/respond(tenant:user:session:message:options:)``
/// reports it.
public enum TurnEvent: Sendable {
    /// The user message is stored (in `session`).
    case accepted(session: Int64, userMessageID: Int64)
    /// Facts taken from the user message into the profile.
    case remembered([ExtractedFact])
    /// The model chosen, and why.
    case routed(RouteDecision)
    /// The prompt is assembled: its token count (exact, or estimated) and the trace, whose ``ContextTrace/id``
    /// (`trc_…`) is stored with the turn in the prompt log.
    case contextAssembled(tokens: Int, exact: Bool, trace: ContextTrace)
    /// Text of the reply as it arrives.
    case delta(String)
    /// A retry or a fallback is under way (for example "rate limited — retrying in 2 s").
    case notice(String)
    /// Token usage as the provider reported it.
    case usage(Usage)
    /// The turn is stored: reply, usage, latency and trace.
    case finished(TurnRecord)
}

/// Per-turn choices.
public struct TurnOptions: Sendable {
    /// A model (`provider:model`) or route name for this turn only.
    public var model: String?
    /// The persona (default: the session's, else the configured default).
    public var persona: String?
    /// A total token budget for the prompt, below the model's own window.
    public var budget: Int?
    /// The caller's own system instruction, history and sampling settings (see ``CallerContext``).
    public var caller: CallerContext?
    /// The moment relative times in the message ("last week", "in March") are read against; `nil`: now.
    /// For replaying old conversations and for tests.
    public var referenceDate: Date?

    /// Creates options.
    public init(
        model: String? = nil, persona: String? = nil, budget: Int? = nil, caller: CallerContext? = nil,
        referenceDate: Date? = nil
    ) {
        self.model = model
        self.persona = persona
        self.budget = budget
        self.caller = caller
        self.referenceDate = referenceDate
    }
}
