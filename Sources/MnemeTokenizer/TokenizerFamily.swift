/// Which tokenizer a model uses, and therefore whether its counts can be exact.
public enum TokenizerFamily: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An OpenAI BPE encoding shipped with this package: counts are exact.
    case openAI(EncodingName)
    /// Anthropic Claude (tokenizer not public): estimated.
    case claude
    /// Google Gemini (SentencePiece, not shipped here): estimated.
    case gemini
    /// Open-weight models run locally (Llama, Qwen, Mistral, Gemma, Phi, DeepSeek…): estimated.
    case local

    /// The exact encoding, when the family has one.
    public var exactEncoding: EncodingName? {
        if case .openAI(let encoding) = self { return encoding }
        return nil
    }

    public var description: String {
        switch self {
        case .openAI(let encoding): return encoding.rawValue
        case .claude: return "claude"
        case .gemini: return "gemini"
        case .local: return "local"
        }
    }
}

/// Where a model can be fine-tuned.
public enum FineTuningPlatform: String, Sendable, Hashable, Codable, CaseIterable {
    /// OpenAI's fine-tuning API (ids `ft:<base>:<org>:<suffix>:<id>`).
    case openAI
    /// Azure OpenAI fine-tuning.
    case azureOpenAI
    /// Google Vertex AI supervised tuning (served from `projects/P/locations/L/endpoints/E`).
    case vertexAI
    /// Amazon Bedrock custom models (Claude 3 Haiku).
    case bedrock
    /// Open weights: LoRA/QLoRA locally, then served by Ollama or llama.cpp.
    case local
}
