/// Known models and how a model id resolves to one of them.
///
/// Resolution, in order:
/// 1. normalization: trimmed, lower-cased; routing prefixes such as `openai/`, `anthropic/`, `models/`,
///    `publishers/google/models/` and Bedrock's `[region.]anthropic.` are dropped, as are an Ollama tag
///    (`llama3.1:8b-instruct-q4_K_M` → `llama3.1`), a path and a `.gguf` extension;
/// 2. OpenAI fine-tunes `ft:<base>:<org>:<suffix>:<id>` resolve to `<base>`;
/// 3. Vertex AI tuned endpoints `projects/P/locations/L/endpoints/E` resolve to the base registered with
///    ``registerTunedEndpoint(_:baseModel:)`` (unregistered endpoints are unknown);
/// 4. the longest known id that is a prefix of the id at a boundary (`-`, `_`, `:`, `@`, `/` or the end),
///    so dated snapshots such as `gpt-4o-2024-08-06` or `claude-3-5-sonnet-20241022` find their family;
/// 5. otherwise ``defaultModel``, which callers can set — never a crash.
///
/// ```swift
/// var catalog = ModelCatalog.builtIn
/// catalog.defaultModel.contextWindow = 32_768
/// catalog.registerTunedEndpoint("projects/p/locations/us-central1/endpoints/123", baseModel: "gemini-2.0-flash-001")
/// let resolution = catalog.resolve("ft:gpt-4o-mini-2024-07-18:acme:support:abc123")
/// resolution.info.id   // "gpt-4o-mini"
/// resolution.match     // .fineTuned(base: "gpt-4o-mini-2024-07-18")
/// ```
public struct ModelCatalog: Sendable, Hashable, Codable {
    /// Entries keyed by lower-case id (or id prefix).
    public private(set) var entries: [String: ModelInfo]
    /// Vertex AI endpoint path (lower-cased) -> base model id.
    public private(set) var tunedEndpoints: [String: String]
    /// What an unknown model resolves to. Conservative by default: 8,192-token window, 4,096 output,
    /// estimated counts.
    public var defaultModel: ModelInfo

    /// The fallback used by ``builtIn`` for unknown models.
    public static let conservativeDefault = ModelInfo(
        id: "unknown",
        provider: .unknown,
        contextWindow: 8_192,
        maxOutputTokens: 4_096,
        tokenizer: .local
    )

    /// Creates a catalog from entries (keyed by their `id`).
    public init(entries: [ModelInfo] = [], defaultModel: ModelInfo = ModelCatalog.conservativeDefault) {
        self.entries = [:]
        self.tunedEndpoints = [:]
        self.defaultModel = defaultModel
        for entry in entries { register(entry) }
    }

    /// Adds or replaces an entry; `aliases` are extra ids (prefixes) that resolve to it.
    public mutating func register(_ info: ModelInfo, aliases: [String] = []) {
        entries[info.id.lowercased()] = info
        for alias in aliases { entries[alias.lowercased()] = info }
    }

    /// Declares the base model of a Vertex AI tuned endpoint (`projects/P/locations/L/endpoints/E`).
    public mutating func registerTunedEndpoint(_ endpoint: String, baseModel: String) {
        tunedEndpoints[endpoint.trimmingWhitespace().lowercased()] = baseModel
    }

    /// Resolves a model id as described in the type's documentation.
    public func resolve(_ model: String) -> ModelResolution {
        let trimmed = model.trimmingWhitespace()
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("projects/") && lowered.contains("/endpoints/") {
            let path = lowered.hasSuffix("/") ? String(lowered.dropLast()) : lowered
            if let base = tunedEndpoints[path], let found = lookup(ModelCatalog.normalize(base)) {
                return ModelResolution(requested: model, info: found.info, match: .tunedEndpoint(base: base))
            }
            return ModelResolution(requested: model, info: defaultModel, match: .unknown)
        }
        if lowered.hasPrefix("ft:") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count >= 2, let found = lookup(ModelCatalog.normalize(String(parts[1]))) {
                return ModelResolution(requested: model, info: found.info, match: .fineTuned(base: String(parts[1])))
            }
            return ModelResolution(requested: model, info: defaultModel, match: .unknown)
        }
        guard let found = lookup(ModelCatalog.normalize(trimmed)) else {
            return ModelResolution(requested: model, info: defaultModel, match: .unknown)
        }
        return ModelResolution(requested: model, info: found.info, match: found.exact ? .exact : .prefix(found.key))
    }

    /// Shorthand for `resolve(model).info`.
    public func info(for model: String) -> ModelInfo { resolve(model).info }

    private func lookup(_ id: String) -> (info: ModelInfo, key: String, exact: Bool)? {
        if let info = entries[id] { return (info, id, true) }
        var best: (info: ModelInfo, key: String, exact: Bool)?
        for (key, info) in entries where key.count < id.count && id.hasPrefix(key) {
            let boundary = id[id.index(id.startIndex, offsetBy: key.count)]
            guard "-_:@/".contains(boundary) else { continue }
            if best == nil || key.count > best!.key.count { best = (info, key, false) }
        }
        return best
    }

    /// Lower-cases and strips routing prefixes, Ollama tags, paths and `.gguf`.
    static func normalize(_ model: String) -> String {
        var id = model.trimmingWhitespace().lowercased()
        for prefix in ["openai/", "anthropic/", "google/", "models/", "publishers/google/models/", "ollama/", "azure/"]
        where id.hasPrefix(prefix) {
            id.removeFirst(prefix.count)
        }
        if let range = id.range(of: "anthropic."), !id.contains("/") {  // Bedrock: [us.]anthropic.claude-…-v1:0
            id = String(id[range.upperBound...])
            if let version = id.range(of: "-v", options: .backwards), id[version.upperBound...].first?.isNumber == true
            {
                id = String(id[..<version.lowerBound])
            }
            return id
        }
        if id.hasSuffix(".gguf") { id.removeLast(5) }
        if let slash = id.lastIndex(of: "/") { id = String(id[id.index(after: slash)...]) }
        if let colon = id.firstIndex(of: ":") { id = String(id[..<colon]) }  // Ollama tag
        return id
    }
}

/// The outcome of ``ModelCatalog/resolve(_:)``.
public struct ModelResolution: Sendable, Hashable {
    /// How the id was matched.
    public enum Match: Sendable, Hashable {
        /// The id is a catalog key.
        case exact
        /// Matched the longest known prefix (e.g. a dated snapshot).
        case prefix(String)
        /// An OpenAI `ft:` id; `base` is the model it was tuned from.
        case fineTuned(base: String)
        /// A registered Vertex AI tuned endpoint.
        case tunedEndpoint(base: String)
        /// Not known: ``ModelCatalog/defaultModel`` was used.
        case unknown
    }

    /// The id as given.
    public let requested: String
    /// The entry it resolved to.
    public let info: ModelInfo
    /// How it matched.
    public let match: Match

    /// False when the default was used.
    public var isKnown: Bool { match != .unknown }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
