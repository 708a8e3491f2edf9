/// The sections of a prompt.
public enum ContextSection: String, Sendable, Hashable, Codable, CaseIterable {
    /// The persona's system instruction (mandatory).
    case system
    /// Profile facts.
    case facts
    /// Few-shot examples.
    case examples
    /// Retrieved document chunks.
    case documents
    /// Recalled older messages from earlier sessions.
    case recall
    /// Recent conversation history.
    case history
    /// The current user message (mandatory).
    case userMessage = "user_message"

    /// The sections that share the flexible budget.
    public static let optional: [ContextSection] = [.facts, .examples, .documents, .recall, .history]
}
