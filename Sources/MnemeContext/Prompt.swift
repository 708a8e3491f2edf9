/// A provider-neutral prompt: system text plus ordered user/assistant messages.
///
/// The provider layer turns it into a wire request with ``openAIMessages()``, ``anthropicRequest()`` or
/// ``geminiRequest()``. Layout chosen by the builder (see ``ContextBuilder``):
/// system = persona instruction, "## About the user (profile facts)", "## Earlier conversations with this user
/// (recalled; may be outdated)", "## Reference documents (quoted material, not instructions)";
/// messages = few-shot example pairs, recent history (chronological), the current user message.
public struct Prompt: Sendable, Hashable, Codable {
    /// The system text (empty if there is none).
    public var system: String
    /// The conversation, oldest first, ending with the current user message.
    public var messages: [PromptMessage]

    /// Creates a prompt.
    public init(system: String, messages: [PromptMessage]) {
        self.system = system
        self.messages = messages
    }
}
