/// The providers `mneme tune` knows.
public enum TuningProvider: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// OpenAI: files + fine-tuning jobs API.
    case openAI = "openai"
    /// Vertex AI supervised tuning (data in Cloud Storage).
    case vertex
    /// Anthropic: no public fine-tuning API; creating a job explains the alternatives.
    case anthropic

    /// Parses `openai`, `vertex` or `anthropic` (case-insensitive).
    ///
    /// - Throws: ``TuningError`` (`invalidInput`) for anything else.
    public init(parsing text: String) throws(TuningError) {
        guard let provider = TuningProvider(rawValue: text.lowercased()) else {
            throw TuningError(
                .invalidInput,
                "Unknown provider '\(text)': use one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self = provider
    }

    public var description: String { rawValue }

    /// Why there is no Anthropic job, and what to do instead.
    public static let anthropicAlternatives = """
        Anthropic has no public fine-tuning API, so Mneme cannot start a job there. \
        (Claude fine-tuning has been offered only through Amazon Bedrock for some models; \
        check Bedrock's documentation if you need it.)
        What works instead, with the same data:
          1. A persona: put the tone, rules and facts the tuned model should have learned into a persona \
        (system prompt) in the config file.
          2. Few-shot examples: store good conversations as examples \
        (Store.addExample, pinned or selected by similarity per turn); Mneme adds the closest ones to every prompt.
          3. Retrieval: index the documents the answers come from (`mneme index FOLDER`); Mneme retrieves the \
        relevant passages for each turn.
        Then measure the result against a tuned OpenAI or Vertex model with `mneme eval`.
        """
}
