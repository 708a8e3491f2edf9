public import MnemeContext

/// What a caller that keeps its own conversation (an OpenAI-compatible client of `mneme serve`)
/// sends with a turn: its system instruction, its history, and sampling settings.
///
/// The merge rule (docs/user-guide.md, "Serving"):
/// - ``system``, when not empty, replaces the persona's instruction for this turn (or, with
///   ``appendSystemToPersona``, follows it). `{{placeholders}}` in it are filled from the
///   profile as in a persona template. Mneme's own sections (profile facts, few-shot examples,
///   documents, recalled turns) are added as usual.
/// - ``history``, when not empty, is the conversation for this turn: it replaces the stored
///   history of the session in the prompt (trimmed whole turns, oldest first, like stored
///   history). It is not stored again: Mneme stores only the new user message and the reply.
///   Recalled turns whose text repeats a message of ``history`` are dropped.
///
/// ```swift
/// var options = TurnOptions()
/// options.caller = CallerContext(system: "You are a pirate.", history: [.init(role: .user, text: "Ahoy")])
/// ```
public struct CallerContext: Sendable, Hashable {
    /// One earlier message of the caller's conversation.
    public struct Turn: Sendable, Hashable {
        /// Who wrote it.
        public var role: ChatRole
        /// The text.
        public var text: String

        /// Creates a turn.
        public init(role: ChatRole, text: String) {
            self.role = role
            self.text = text
        }
    }

    /// The caller's system instruction (its system and developer messages joined); empty for none.
    public var system: String
    /// Whether ``system`` follows the persona's instruction instead of replacing it.
    public var appendSystemToPersona: Bool
    /// The caller's conversation before the current message, oldest first.
    public var history: [Turn]
    /// Sampling temperature for the provider; `nil` for its default.
    public var temperature: Double?
    /// An upper bound on the reply's tokens (also lowers the output reserve of the budget).
    public var maxOutputTokens: Int?
    /// Stop sequences.
    public var stop: [String]

    /// Creates a caller context.
    public init(
        system: String = "",
        appendSystemToPersona: Bool = false,
        history: [Turn] = [],
        temperature: Double? = nil,
        maxOutputTokens: Int? = nil,
        stop: [String] = []
    ) {
        self.system = system
        self.appendSystemToPersona = appendSystemToPersona
        self.history = history
        self.temperature = temperature
        self.maxOutputTokens = maxOutputTokens
        self.stop = stop
    }
}
