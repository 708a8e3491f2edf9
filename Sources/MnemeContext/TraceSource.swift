#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Where a candidate came from, so the trace can name it.
public struct TraceSource: Sendable, Hashable, Codable {
    /// Message id in the store (history, recall, fact source).
    public var messageId: String?
    /// The application's own message id.
    public var externalId: String?
    /// Session id.
    public var sessionId: String?
    /// Creation time of the message.
    public var createdAt: Date?
    /// Author role of the message.
    public var role: ChatRole?
    /// Speaker display name.
    public var speaker: String?
    /// Chunk id.
    public var chunkId: String?
    /// Document URI.
    public var documentURI: String?
    /// Document title.
    public var title: String?
    /// Headings above the chunk.
    public var headingPath: [String]?
    /// Fact key.
    public var factKey: String?

    /// Creates a source (all fields optional).
    public init(
        messageId: String? = nil, externalId: String? = nil, sessionId: String? = nil, createdAt: Date? = nil,
        role: ChatRole? = nil, speaker: String? = nil, chunkId: String? = nil, documentURI: String? = nil,
        title: String? = nil, headingPath: [String]? = nil, factKey: String? = nil
    ) {
        self.messageId = messageId
        self.externalId = externalId
        self.sessionId = sessionId
        self.createdAt = createdAt
        self.role = role
        self.speaker = speaker
        self.chunkId = chunkId
        self.documentURI = documentURI
        self.title = title
        self.headingPath = headingPath
        self.factKey = factKey
    }

    enum CodingKeys: String, CodingKey {
        case messageId = "message_id"
        case externalId = "external_id"
        case sessionId = "session_id"
        case createdAt = "created_at"
        case role
        case speaker
        case chunkId = "chunk_id"
        case documentURI = "document_uri"
        case title
        case headingPath = "heading_path"
        case factKey = "fact_key"
    }
}
