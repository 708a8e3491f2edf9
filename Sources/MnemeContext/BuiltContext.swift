/// The builder's result.
public struct BuiltContext: Sendable, Hashable, Codable {
    /// The prompt to send.
    public var prompt: Prompt
    /// Why it looks like this.
    public var trace: ContextTrace

    /// Creates a result.
    public init(prompt: Prompt, trace: ContextTrace) {
        self.prompt = prompt
        self.trace = trace
    }
}
