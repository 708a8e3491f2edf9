import Foundation
public import Logging
public import MnemeStore

/// Indexes folders of company documents into a collection, incrementally.
///
/// A run lists the files under the given paths and compares each with what the store holds:
/// - same size and modification time: unchanged, nothing is read or written;
/// - otherwise the bytes are hashed: the same hash only refreshes the stored size and time;
/// - a new or changed file is loaded, chunked and stored, replacing its old chunks; documents
///   are committed in batches (``batchSize`` files), each batch one transaction, so a crash
///   keeps whole documents of the batches committed and the next run completes the rest;
/// - a stored document under the given paths whose file is gone, or can no longer be loaded,
///   is removed.
/// A second run over an unchanged corpus therefore writes nothing.
///
/// ```swift
/// let indexer = Indexer(store: store, chunker: Chunker(count: { Encoding.o200k.count($0) }))
/// let report = try await indexer.index(["corpora/handbook"], into: IndexTarget(tenant: "acme", collection: "handbook"))
/// print(report.added, report.skipped)
/// ```
public struct Indexer: Sendable {
    public let store: Store
    public let loader: DocumentLoader
    public let chunker: Chunker
    /// How many changed documents are stored per transaction.
    public var batchSize = 64
    private let logger: Logger

    /// Creates an indexer writing into `store`.
    public init(
        store: Store, loader: DocumentLoader = DocumentLoader(), chunker: Chunker, logger: Logger = Store.silentLogger
    ) {
        self.store = store
        self.loader = loader
        self.chunker = chunker
        self.logger = logger
    }

    /// Indexes the files under `paths` into `target`, calling `progress` after each file.
    public func index(
        _ paths: [String],
        into target: IndexTarget,
        progress: (@Sendable (IndexProgress) -> Void)? = nil
    ) async throws -> IndexReport {
        let clock = ContinuousClock()
        let started = clock.now
        let walker = FileWalker(roots: paths)
        let roots = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var report = IndexReport()
        report.skipped = walker.problems.map { IndexReport.Skip(path: $0.path, reason: $0.reason) }
        let states = try await store.documentStates(tenant: target.tenant, collection: target.collection)
        var status = IndexProgress(filesTotal: walker.files.count, bytesTotal: walker.files.reduce(0) { $0 + $1.size })
        var seen = Set<String>()
        var pending: [DocumentInput] = []
        var pendingBytes: Int64 = 0
        // One batch is written while the next is loaded and chunked (two cores at work); a
        // write's error surfaces when the next batch is handed over, or at the end.
        var writing: Task<Void, any Error>?
        defer { writing?.cancel() }
        let store = store
        let tenant = target.tenant
        func commit(_ batch: [DocumentInput]) async throws {
            try await writing?.value
            writing = Task { _ = try await store.replaceDocuments(batch, tenant: tenant) }
        }

        for file in walker.files {
            seen.insert(file.path)
            try Task.checkCancellation()
            if let input = try await prepare(file, state: states[file.path], target: target, report: &report) {
                pending.append(input)
                pendingBytes += input.size
                if pending.count >= batchSize || pendingBytes >= Self.batchBytes {
                    try await commit(pending)
                    pending.removeAll()
                    pendingBytes = 0
                }
            }
            status.filesDone += 1
            status.bytesDone += file.size
            status.chunks = report.chunks
            status.elapsed = clock.now - started
            progress?(status)
        }

        if !pending.isEmpty { try await commit(pending) }
        try await writing?.value
        writing = nil
        let gone = states.filter { uri, _ in
            !seen.contains(uri) && roots.contains { uri == $0 || uri.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        report.removed += try await store.removeDocuments(gone.values.map(\.id), tenant: target.tenant)
        report.duration = clock.now - started
        logger.info(
            "indexed",
            metadata: [
                "collection": "\(target.collection)", "added": "\(report.added)", "updated": "\(report.updated)",
            ]
        )
        return report
    }

    /// A batch is also committed once its files reach this size, to bound memory.
    static let batchBytes: Int64 = 32 << 20

    /// The store keeps times to the millisecond.
    static func sameMillisecond(_ first: Date, _ second: Date) -> Bool {
        (first.timeIntervalSince1970 * 1000).rounded() == (second.timeIntervalSince1970 * 1000).rounded()
    }

    /// Loads and chunks a new or changed file; `nil` when there is nothing to store.
    private func prepare(
        _ file: FileWalker.File,
        state: DocumentState?,
        target: IndexTarget,
        report: inout IndexReport
    ) async throws -> DocumentInput? {
        report.scanned += 1
        if let state, state.size == file.size, Self.sameMillisecond(state.modifiedAt, file.modifiedAt) {
            report.unchanged += 1
            return nil
        }
        let url = URL(fileURLWithPath: file.path)
        let document: LoadedDocument
        let hash: String
        do {
            if file.size <= loader.configuration.maxFileSize,
                let bytes = FileManager.default.contents(atPath: file.path)
            {
                hash = SHA256.hex(bytes)
                if let state, state.contentHash == hash {
                    try await store.touchDocument(
                        state.id, tenant: target.tenant, size: file.size, modifiedAt: file.modifiedAt)
                    report.unchanged += 1
                    return nil
                }
            } else {
                hash = ""
            }
            document = try loader.load(contentsOf: url)
        } catch let error as LoadError {
            report.skipped.append(IndexReport.Skip(path: file.path, reason: error.message))
            if let state {
                report.removed += try await store.removeDocuments([state.id], tenant: target.tenant)
            }
            return nil
        }
        let chunks = chunker.chunks(of: document)
        if state == nil { report.added += 1 } else { report.updated += 1 }
        report.chunks += chunks.count
        report.bytes += file.size
        return DocumentInput(
            collection: target.collection,
            uri: file.path,
            title: document.title,
            format: document.format.rawValue,
            size: file.size,
            modifiedAt: file.modifiedAt,
            contentHash: hash,
            visibility: target.visibility,
            chunks: chunks
        )
    }
}

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
