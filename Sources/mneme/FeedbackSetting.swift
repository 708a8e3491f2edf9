import MnemeStore

/// The feedback settings the retrieval benchmark compares: the store's default, and feedback
/// forced on or off.
enum FeedbackSetting: CaseIterable {
    case storeDefault
    case on
    case off

    /// The row label in the benchmark's tables.
    var label: String {
        switch self {
        case .storeDefault: "default settings (no feedback argument)"
        case .on: "feedback: true (mneme search --feedback)"
        case .off: "feedback: false (mneme search --no-feedback)"
        }
    }

    /// Searches `store` with this setting.
    func search(_ store: Store, _ text: String, for scope: UserScope, limit: Int, perDocument: Int?) async throws
        -> [ChunkHit]
    {
        switch self {
        case .storeDefault:
            try await store.searchDocuments(text, for: scope, limit: limit, perDocument: perDocument)
        case .on:
            try await store.searchDocuments(text, for: scope, limit: limit, perDocument: perDocument, feedback: true)
        case .off:
            try await store.searchDocuments(text, for: scope, limit: limit, perDocument: perDocument, feedback: false)
        }
    }
}
