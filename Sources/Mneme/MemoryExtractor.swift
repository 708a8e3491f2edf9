/// Which memory extractor turns user messages into profile facts (``EngineConfiguration/memoryExtractor``).
public enum MemoryExtractor: String, Sendable, Hashable, CaseIterable {
    /// Deterministic patterns only ("my name is…", "call me…", "I prefer…", "remember that…", and their Russian
    /// forms), before the reply.
    case rules
    /// The same patterns before the reply, and after it a language model (``EngineConfiguration/memoryModel``)
    /// asked for JSON, which finds what patterns miss ("we moved to Porto in May"). The model's call runs in the
    /// background once the reply is stored, so it adds no latency to the turn; its answer is checked strictly
    /// (``MnemeContext/ModelFactExtraction``) and anything malformed is ignored.
    case llm
}
