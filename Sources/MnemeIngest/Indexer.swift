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
    /// The most changed documents stored per transaction (a batch also ends once its files
    /// reach 32 MiB, to bound memory). Larger batches write faster (FTS5 writes one index segment
    /// per batch, and each commit has a cost) and a crash loses at most the batch being written.
    /// The first batches are smaller — ``firstBatchSize``, doubling up to this — so that writing
    /// starts while the rest is loaded.
    public var batchSize = 1024
    /// The size of the first batch of a run (see ``batchSize``).
    public var firstBatchSize = 128
    /// How many files are loaded and chunked at once (default: the number of active cores).
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
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
        let files = walker.files
        let roots = paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var report = IndexReport()
        report.skipped = walker.problems.map { IndexReport.Skip(path: $0.path, reason: $0.reason) }
        let states = try await store.documentStates(tenant: target.tenant, collection: target.collection)
        var status = IndexProgress(filesTotal: files.count, bytesTotal: files.reduce(0) { $0 + $1.size })
        var pending: [DocumentInput] = []
        var pendingBytes: Int64 = 0
        var batchLimit = max(1, min(firstBatchSize, batchSize))
        // One batch is written while the next is loaded and chunked; a write's error surfaces
        // when the next batch is handed over, or at the end.
        var writing: Task<Void, any Error>?
        defer { writing?.cancel() }
        let store = store
        let tenant = target.tenant
        func commit(_ batch: [DocumentInput]) async throws {
            try await writing?.value
            writing = Task { _ = try await store.replaceDocuments(batch, tenant: tenant) }
        }

        // Files are loaded and chunked by several tasks at once, and their outcomes are taken in
        // file order: reports, batches and progress are the same as one file after another.
        // No task runs more than `window` files ahead of the one being taken.
        let workers = max(1, min(parallelism, files.count))
        let window = max(workers, 8)
        try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            var running = 0
            var done: [Int: Outcome] = [:]
            func startTasks(taken: Int) {
                while running < workers, next < files.count, next < taken + window {
                    let index = next
                    let file = files[index]
                    let state = states[file.path]
                    group.addTask { (index, try await prepare(file, state: state, target: target)) }
                    next += 1
                    running += 1
                }
            }
            for taken in files.indices {
                try Task.checkCancellation()
                startTasks(taken: taken)
                while done[taken] == nil, let finished = try await group.next() {
                    running -= 1
                    done[finished.0] = finished.1
                    startTasks(taken: taken)
                }
                guard let outcome = done.removeValue(forKey: taken) else { break }
                report.scanned += 1
                switch outcome {
                case .unchanged:
                    report.unchanged += 1
                case .skipped(let skip, let removed):
                    report.skipped.append(skip)
                    report.removed += removed
                case .changed(let input, let isNew):
                    if isNew { report.added += 1 } else { report.updated += 1 }
                    report.chunks += input.chunks.count
                    report.bytes += input.size
                    pending.append(input)
                    pendingBytes += input.size
                    if pending.count >= batchLimit || pendingBytes >= Self.batchBytes {
                        batchLimit = min(batchLimit * 2, batchSize)
                        try await commit(pending)
                        pending.removeAll()
                        pendingBytes = 0
                    }
                }
                status.filesDone += 1
                status.bytesDone += files[taken].size
                status.chunks = report.chunks
                status.elapsed = clock.now - started
                progress?(status)
            }
        }

        if !pending.isEmpty { try await commit(pending) }
        try await writing?.value
        writing = nil
        let seen = Set(files.map(\.path))
        let gone = states.filter { uri, _ in
            !seen.contains(uri) && roots.contains { uri == $0 || uri.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        report.removed += try await store.removeDocuments(gone.values.map(\.id), tenant: target.tenant)
        // A run that wrote ends with its pages copied into the database file (a passive
        // checkpoint: it never waits for readers), rather than leaving them to the log.
        if report.added + report.updated + report.removed > 0 { try await store.checkpoint(truncating: false) }
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

    /// What became of one file.
    enum Outcome: Sendable {
        /// The stored version is current (perhaps after refreshing its size and time).
        case unchanged
        /// Not indexed; `removed` counts its earlier version, removed from the store.
        case skipped(IndexReport.Skip, removed: Int)
        /// New or changed: to be stored.
        case changed(DocumentInput, isNew: Bool)
    }

    /// Loads and chunks a new or changed file.
    private func prepare(_ file: FileWalker.File, state: DocumentState?, target: IndexTarget) async throws -> Outcome {
        if let state, state.size == file.size, Self.sameMillisecond(state.modifiedAt, file.modifiedAt) {
            return .unchanged
        }
        // A file, not a folder: without the hint, `URL` asks the file system.
        let url = URL(fileURLWithPath: file.path, isDirectory: false)
        let document: LoadedDocument
        let hash: String
        do {
            // The file is read once: the same bytes are hashed and loaded.
            if file.size <= loader.configuration.maxFileSize,
                let bytes = FileReader.contents(atPath: file.path)
            {
                hash = SHA256.hex(bytes)
                if let state, state.contentHash == hash {
                    try await store.touchDocument(
                        state.id, tenant: target.tenant, size: file.size, modifiedAt: file.modifiedAt)
                    return .unchanged
                }
                document = try loader.load(bytes, contentsOf: url)
            } else {
                hash = ""
                document = try loader.load(contentsOf: url)
            }
        } catch let error as LoadError {
            var removed = 0
            if let state { removed = try await store.removeDocuments([state.id], tenant: target.tenant) }
            return .skipped(IndexReport.Skip(path: file.path, reason: error.message), removed: removed)
        }
        let input = DocumentInput(
            collection: target.collection,
            uri: file.path,
            title: document.title,
            format: document.format.rawValue,
            size: file.size,
            modifiedAt: file.modifiedAt,
            contentHash: hash,
            visibility: target.visibility,
            chunks: chunker.chunks(of: document)
        )
        return .changed(input, isNew: state == nil)
    }
}
