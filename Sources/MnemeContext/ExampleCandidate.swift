/// A few-shot example: a user input and the answer the persona should give.
///
/// Selection: pinned examples first (in the given order), then the others by ``score`` (similarity to the
/// current user message, higher is better), within the examples' share of the budget.
public struct ExampleCandidate: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `example:7`.
    public var id: String
    /// The example user message.
    public var input: String
    /// The example answer.
    public var output: String
    /// Always wanted (taken before scored ones).
    public var pinned: Bool
    /// Similarity to the current user message (e.g. FTS5 rank mapped so that higher is better).
    public var score: Double?

    /// Creates an example.
    public init(id: String, input: String, output: String, pinned: Bool = false, score: Double? = nil) {
        self.id = id
        self.input = input
        self.output = output
        self.pinned = pinned
        self.score = score
    }
}
