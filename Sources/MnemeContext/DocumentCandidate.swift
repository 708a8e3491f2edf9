/// A retrieved document chunk.
///
/// Rendered into the system text as quoted reference material with its source, so the model can cite it and
/// does not take instructions inside it as the operator's.
public struct DocumentCandidate: Sendable, Hashable, Codable {
    /// Stable identifier, `chunk:<chunkId>` by default.
    public var id: String
    /// The chunk's id in the store.
    public var chunkId: String
    /// The document's URI (file path, URL).
    public var documentURI: String
    /// The document's title.
    public var title: String?
    /// Headings above the chunk, outermost first.
    public var headingPath: [String]
    /// The chunk text.
    public var text: String
    /// Retrieval score, higher is better (map SQLite's negative BM25 rank with `-rank`).
    public var score: Double
    /// The exact token count of ``text`` for the target model, if the store cached it (trusted: a wrong
    /// count can make the final count wrong).
    public var tokens: Int?
    /// False when the user may not see this document (normally filtered in SQL already): dropped as not visible.
    public var isVisible: Bool

    /// Creates a document chunk candidate.
    public init(
        id: String? = nil, chunkId: String, documentURI: String, title: String? = nil, headingPath: [String] = [],
        text: String, score: Double, tokens: Int? = nil, isVisible: Bool = true
    ) {
        self.id = id ?? "chunk:\(chunkId)"
        self.chunkId = chunkId
        self.documentURI = documentURI
        self.title = title
        self.headingPath = headingPath
        self.text = text
        self.score = score
        self.tokens = tokens
        self.isVisible = isVisible
    }

    /// `Title › Heading › Subheading — uri`, the label used in the prompt and the trace.
    public var sourceLabel: String {
        let path = ([title].compactMap { $0 } + headingPath).filter { !$0.isEmpty }.joined(separator: " › ")
        return path.isEmpty ? documentURI : "\(path) — \(documentURI)"
    }
}
