/// Everything the builder needs for one turn; the store fetches it, scoped to what the user may see.
///
/// ```swift
/// let input = ContextInput(
///     persona: Persona(id: "default", template: "You are a helpful assistant for {{name|the user}}."),
///     facts: [FactCandidate(key: "name", value: "Alice")],
///     history: recent,
///     userMessage: "What did we decide about the trip?",
///     limits: .openAIChat(contextWindow: 8_192, reservedOutput: 1_024, safetyMargin: 64))
/// ```
public struct ContextInput: Sendable, Hashable, Codable {
    /// The system instruction template.
    public var persona: Persona
    /// Profile facts.
    public var facts: [FactCandidate]
    /// Few-shot examples.
    public var examples: [ExampleCandidate]
    /// Retrieved document chunks.
    public var documents: [DocumentCandidate]
    /// Recalled older messages from earlier sessions.
    public var recall: [RecallCandidate]
    /// Recent conversation, chronological (oldest first), without the current user message.
    public var history: [HistoryMessage]
    /// The current user message (mandatory).
    public var userMessage: String
    /// The store id of the current user message, if it was persisted already.
    public var userMessageId: String?
    /// Template variables (e.g. `user_name` from the profile).
    public var variables: [String: String]
    /// The target model's limits.
    public var limits: ModelLimits
    /// A policy for this persona/route; `nil` uses the builder's policy.
    public var policy: BudgetPolicy?

    /// Creates an input.
    public init(
        persona: Persona, facts: [FactCandidate] = [], examples: [ExampleCandidate] = [],
        documents: [DocumentCandidate] = [], recall: [RecallCandidate] = [], history: [HistoryMessage] = [],
        userMessage: String, userMessageId: String? = nil, variables: [String: String] = [:], limits: ModelLimits,
        policy: BudgetPolicy? = nil
    ) {
        self.persona = persona
        self.facts = facts
        self.examples = examples
        self.documents = documents
        self.recall = recall
        self.history = history
        self.userMessage = userMessage
        self.userMessageId = userMessageId
        self.variables = variables
        self.limits = limits
        self.policy = policy
    }
}
