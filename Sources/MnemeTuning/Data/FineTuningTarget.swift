public import MnemeTokenizer

/// The platform and base model a training file is checked for, with the platform's dataset rules.
///
/// Per-example token limits (OpenAI truncates longer examples; Vertex AI rejects them):
///
/// | model | limit | source |
/// |---|---|---|
/// | gpt-3.5-turbo-0613 | 4,096 | OpenAI fine-tuning guide (third-party copies) |
/// | gpt-3.5-turbo (-1106, -0125) | 16,385 | idem |
/// | gpt-4o-mini-2024-07-18 | 65,536 | idem |
/// | gpt-4o, gpt-4.1 families | 65,536 | assumed, as gpt-4o-mini |
/// | other OpenAI models | the context window, at most 65,536 | assumed |
/// | gemini-2.5-*, gemini-2.0-* | 131,072 | Vertex AI docs (2.0: assumed) |
/// | gemini-1.5-* | 32,768 | Vertex AI docs |
///
/// ```swift
/// let target = FineTuningTarget(platform: .openAI, model: "gpt-4o-mini-2024-07-18")
/// target.exampleTokenLimit   // 65_536
/// target.countsAreExact      // true (o200k_base)
/// ```
public struct FineTuningTarget: Hashable, Sendable {
    /// Where the model is tuned.
    public enum Platform: String, Hashable, Sendable, CaseIterable, Codable {
        /// OpenAI fine-tuning (chat JSONL).
        case openAI = "openai"
        /// Vertex AI supervised tuning of Gemini (Gemini JSONL).
        case vertex
    }

    /// Where the model is tuned.
    public let platform: Platform
    /// The base model as given.
    public let model: String
    /// The catalog entry the model resolved to.
    public let info: ModelInfo
    /// Whether the catalog knows the model.
    public let isKnownModel: Bool
    /// Tokens one example may hold.
    public let exampleTokenLimit: Int
    /// Whether ``exampleTokenLimit`` is documented by the provider (false: assumed).
    public let limitIsDocumented: Bool

    /// Fewer examples than this is an error (both platforms).
    public let minimumExamples = 10
    /// Fewer examples than this draws a warning: OpenAI suggests starting with about 50, Google with about 100.
    public var recommendedExamples: Int { platform == .openAI ? 50 : 100 }
    /// The largest training file the platform accepts: 512 MB (OpenAI), 1 GB (Vertex AI).
    public var maxFileBytes: Int { platform == .openAI ? 512 * 1_000_000 : 1_000_000_000 }
    /// The most validation examples the platform accepts (`nil`: no stated limit).
    public var maxValidationExamples: Int? {
        guard platform == .vertex else { return nil }
        return info.id.hasPrefix("gemini-1.5") ? 256 : 5_000
    }
    /// Whether token counts are exact (OpenAI models: the model's own BPE) or estimated.
    public var countsAreExact: Bool { info.isExact }

    /// Resolves the model in `catalog` and looks up the platform's limits.
    public init(platform: Platform, model: String, catalog: ModelCatalog = .builtIn) {
        self.platform = platform
        self.model = model
        let resolution = catalog.resolve(model)
        info = resolution.info
        isKnownModel = resolution.isKnown
        (exampleTokenLimit, limitIsDocumented) = Self.limit(platform: platform, model: model, info: info)
    }

    /// Whether the catalog lists the model as tunable on the platform.
    public var isTunable: Bool {
        info.fineTuning.contains(platform == .openAI ? .openAI : .vertexAI)
    }

    private static func limit(platform: Platform, model: String, info: ModelInfo) -> (Int, Bool) {
        let id = model.lowercased()
        switch platform {
        case .openAI:
            if id.hasPrefix("gpt-3.5-turbo-0613") { return (4_096, true) }
            if id.hasPrefix("gpt-3.5-turbo") { return (16_385, true) }
            if id.hasPrefix("gpt-4o-mini-2024-07-18") { return (65_536, true) }
            if id.hasPrefix("gpt-4o") || id.hasPrefix("gpt-4.1") { return (65_536, false) }
            return (min(info.contextWindow, 65_536), false)
        case .vertex:
            if info.id.hasPrefix("gemini-2.5") { return (131_072, true) }
            if info.id.hasPrefix("gemini-1.5") { return (32_768, true) }
            if info.id.hasPrefix("gemini-2.0") { return (131_072, false) }
            return (min(info.contextWindow, 32_768), false)
        }
    }
}
