public import MnemeStore

/// Where an ``Indexer`` writes: a tenant's collection, with the visibility of new documents.
public struct IndexTarget: Sendable, Hashable {
    public var tenant: String
    public var collection: String
    public var visibility: Visibility

    /// Creates a target.
    public init(tenant: String, collection: String, visibility: Visibility = .tenant) {
        self.tenant = tenant
        self.collection = collection
        self.visibility = visibility
    }
}

/// How far an index run is.
public struct IndexProgress: Sendable, Hashable {
    public var filesDone = 0
    public var filesTotal: Int
    public var bytesDone: Int64 = 0
    public var bytesTotal: Int64
    public var chunks = 0
    public var elapsed: Duration = .zero
}

/// What an index run did.
public struct IndexReport: Sendable, Hashable {
    /// A file that was not indexed, and why.
    public struct Skip: Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    /// Files looked at.
    public var scanned = 0
    /// New documents stored.
    public var added = 0
    /// Changed documents re-stored.
    public var updated = 0
    /// Files whose stored version is current.
    public var unchanged = 0
    /// Documents removed (file gone or no longer loadable).
    public var removed = 0
    /// Chunks written.
    public var chunks = 0
    /// Bytes of the files loaded and chunked.
    public var bytes: Int64 = 0
    /// Files and folders passed over.
    public var skipped: [Skip] = []
    /// How long the run took.
    public var duration: Duration = .zero

    /// Whether the run wrote anything.
    public var wroteAnything: Bool { added + updated + removed > 0 }
}
