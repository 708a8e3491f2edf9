public import Foundation

/// Who may see a document.
public enum Visibility: Hashable, Sendable, Codable {
    /// Every user of the tenant.
    case tenant
    /// Only the listed users (by their application id) and members of the listed groups.
    case restricted(users: Set<String>, groups: Set<String>)
}

/// A document of a collection, as indexed.
public struct StoredDocument: Hashable, Sendable, Codable {
    public let id: Int64
    /// The collection's name.
    public let collection: String
    /// Where the document came from (a file path or URL); unique in its collection.
    public let uri: String
    public let title: String
    /// The loader that read it: `text`, `markdown`, `html`, `pdf`.
    public let format: String
    /// The file's size in bytes when indexed.
    public let size: Int64
    /// The file's modification time when indexed.
    public let modifiedAt: Date
    /// A hash of the file's bytes, to confirm a change.
    public let contentHash: String
    public let visibility: Visibility
    public let chunkCount: Int
    public let indexedAt: Date
}

/// What identifies a file's version cheaply, for incremental indexing.
public struct DocumentState: Hashable, Sendable {
    public let id: Int64
    public let size: Int64
    public let modifiedAt: Date
    public let contentHash: String
}

/// A piece of a document, as produced by the chunker.
public struct NewChunk: Hashable, Sendable {
    /// The headings above the chunk, outermost first.
    public var headingPath: [String]
    public var text: String
    /// Where the chunk starts and ends in the document's text (offsets in Unicode scalars).
    public var startOffset: Int
    public var endOffset: Int
    public var tokenCount: Int

    /// Creates a chunk.
    public init(headingPath: [String], text: String, startOffset: Int, endOffset: Int, tokenCount: Int) {
        self.headingPath = headingPath
        self.text = text
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.tokenCount = tokenCount
    }
}

/// A document with its chunks, to store with ``Store/replaceDocument(_:tenant:)``.
public struct DocumentInput: Hashable, Sendable {
    public var collection: String
    public var uri: String
    public var title: String
    public var format: String
    public var size: Int64
    public var modifiedAt: Date
    public var contentHash: String
    public var visibility: Visibility
    public var chunks: [NewChunk]

    /// Creates a document to store.
    public init(
        collection: String,
        uri: String,
        title: String,
        format: String,
        size: Int64,
        modifiedAt: Date,
        contentHash: String,
        visibility: Visibility = .tenant,
        chunks: [NewChunk]
    ) {
        self.collection = collection
        self.uri = uri
        self.title = title
        self.format = format
        self.size = size
        self.modifiedAt = modifiedAt
        self.contentHash = contentHash
        self.visibility = visibility
        self.chunks = chunks
    }
}

/// A chunk found by ``Store/searchDocuments(_:for:collection:limit:perDocument:feedback:snippets:)``.
public struct ChunkHit: Hashable, Sendable, Codable {
    public let chunkID: Int64
    public let documentID: Int64
    public let collection: String
    public let uri: String
    public let title: String
    public let headingPath: [String]
    public let text: String
    /// The best-matching passage, with matched words between `[` and `]`.
    public let snippet: String
    /// BM25 relevance (of the expanded query when feedback re-ranked it): higher is better.
    public let score: Double
    public let startOffset: Int
    public let endOffset: Int
    public let tokenCount: Int
}
