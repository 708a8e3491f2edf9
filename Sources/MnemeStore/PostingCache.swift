import Foundation
import GRDB
import MnemeStemming
import Synchronization

/// The chunk index's posting lists that searches used, held in memory as ``ImpactList``s so
/// that ``ThresholdTopK`` can rank them without scoring every row in SQLite.
///
/// A list is read from FTS5 once — `mneme_rank` of the term alone gives each row's impact —
/// and kept until the index changes: every commit that touches the index rewrites FTS5's
/// structure record (row 10 of `chunk_fts_data`), and the lists, whose impacts depend on the
/// average row length, are dropped when it differs. The cache holds at most ``capacity``
/// postings (8 bytes each) and forgets the least recently used lists past it.
///
/// A search loads the few short lists it misses itself (see ``inlineLimit``); when it misses
/// more, it ranks in SQLite as before and ``Store`` loads the lists in the background, so no
/// query waits for them.
final class PostingCache: Sendable {
    /// The default number of postings held: 10 million, 80 MB.
    static let defaultCapacity = 10_000_000

    /// A search loads the lists it misses itself when they hold at most this many rows together
    /// (a few milliseconds); otherwise it ranks in SQLite and the lists load in the background.
    static let defaultInlineLimit = 8192

    private struct Entry {
        let list: ImpactList
        var used: UInt64
    }

    private struct State {
        var structure: Data?
        var entries: [String: Entry] = [:]
        var postings = 0
        var clock: UInt64 = 0
        /// Keys queued or being loaded in the background.
        var pending: Set<String> = []
        var queue: [(word: String, key: String)] = []
        var loader: Task<Void, Never>?
        var lengths: RowLengths?
        var inlineLimit = PostingCache.defaultInlineLimit
        var isEnabled = true
        /// Keys whose lists are longer than the whole cache: never loaded again.
        var oversized: Set<String> = []
    }

    /// The most postings held.
    let capacity: Int
    private let pool: DatabasePool
    private let columnWeights: [Double]
    private let state = Mutex(State())

    /// A cache of the chunk index in `pool`, whose columns weigh `columnWeights` in BM25.
    init(pool: DatabasePool, columnWeights: [Double], capacity: Int = PostingCache.defaultCapacity) {
        self.pool = pool
        self.columnWeights = columnWeights
        self.capacity = capacity
    }

    /// The most rows of missing lists a search loads itself (``defaultInlineLimit``).
    var inlineLimit: Int {
        get { state.withLock { $0.inlineLimit } }
        set { state.withLock { $0.inlineLimit = newValue } }
    }

    /// Whether searches rank in memory at all (off: always in SQLite, as a reference in tests).
    var isEnabled: Bool {
        get { state.withLock { $0.isEnabled } }
        set { state.withLock { $0.isEnabled = newValue } }
    }

    /// FTS5's structure record, which changes with every commit that touches the index.
    static func structure(_ db: Database) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM chunk_fts_data WHERE id = 10"))
    }

    /// Drops every list when the index changed since they were loaded.
    func validate(structure: Data?) {
        state.withLock { state in
            guard state.structure != structure else { return }
            state.structure = structure
            state.entries.removeAll()
            state.oversized.removeAll()
            state.lengths = nil
            state.postings = 0
        }
    }

    /// The cached lists of `keys`, `nil` for those not held — all `nil` unless the cache holds
    /// the index version `structure` (a search reading an older snapshot than the cache's, or a
    /// newer one not validated yet, must not rank with another version's impacts).
    func lists(_ keys: [String], structure: Data?) -> [ImpactList?] {
        state.withLock { state in
            guard state.structure == structure else { return keys.map { _ in nil } }
            state.clock += 1
            let now = state.clock
            return keys.map { key in
                guard var entry = state.entries[key] else { return nil }
                entry.used = now
                state.entries[key] = entry
                return entry.list
            }
        }
    }

    /// Keeps `list` for `key` if the index is still the one it was read from.
    func insert(_ list: ImpactList, key: String, structure: Data?) {
        state.withLock { state in
            guard state.structure == structure, state.entries[key] == nil else { return }
            guard list.count <= capacity else {
                state.oversized.insert(key)
                return
            }
            if state.postings + list.count > capacity {
                // One sort frees a tenth of the cache at once, rather than a scan of every list for
                // each insert once the cache is full (searches wait on this lock).
                let target = capacity - capacity / 10 - list.count
                for (oldKey, entry) in state.entries.sorted(by: { $0.value.used < $1.value.used }) {
                    if state.postings <= target { break }
                    state.postings -= entry.list.count
                    state.entries[oldKey] = nil
                }
            }
            state.clock += 1
            state.entries[key] = Entry(list: list, used: state.clock)
            state.postings += list.count
        }
    }

    /// The number of lists and of postings held.
    var size: (lists: Int, postings: Int) { state.withLock { ($0.entries.count, $0.postings) } }

    /// Reads the posting list of a query word from the index: `key` is its stem, which is the
    /// term the index holds, read from FTS5's instance vocabulary with each row's length from
    /// ``RowLengths`` (no look-up per row); when that cannot be used (ids too sparse, an
    /// unreadable averages record, a word the tokenizer splits), `mneme_rank` of the quoted
    /// word scores every row holding it. `nil` when the rows cannot be held (see
    /// ``ImpactList/init(_:)``).
    func load(word: String, key: String, structure: Data?, _ db: Database) throws -> ImpactList? {
        let block = try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM chunk_fts_data WHERE id = 1"))
        let totals = IndexTotals(averagesRecord: [UInt8](block ?? Data()))
        if totals.rows > 0, let lengths = try lengths(structure: structure, db) {
            let postings = try Self.instances(of: key, lengths: lengths, totals: totals, columnWeights, db)
            if !postings.isEmpty { return ImpactList(postings) }
        }
        // Searching for the word finds the term only if stemming the word gives it (a preloaded
        // term is its own word, and not every stem is its own stem).
        guard Stemmer.stem(word.lowercased()) == key else { return nil }
        return try Self.ranked(DocumentQuery.quoted(word), columnWeights: columnWeights, db)
    }

    /// The row lengths of the index, read once per version of it.
    private func lengths(structure: Data?, _ db: Database) throws -> RowLengths? {
        if let known = state.withLock({ $0.structure == structure ? $0.lengths : nil }) { return known }
        guard let lengths = try RowLengths.read(db) else { return nil }
        state.withLock { if $0.structure == structure { $0.lengths = lengths } }
        return lengths
    }

    /// The postings of the indexed `term`, from the instance vocabulary (one row per occurrence,
    /// by row then column), with BM25 impacts computed as `mneme_rank` does.
    private static func instances(
        of term: String, lengths: RowLengths, totals: IndexTotals, _ columnWeights: [Double], _ db: Database
    ) throws -> [(row: Int64, impact: Double)] {
        // fts5vocab tables live in the connection's temp schema: nothing is written to the file.
        try db.execute(
            sql:
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunk_fts_instances USING fts5vocab(main, chunk_fts, instance)"
        )
        let scoring = BM25(columnWeights: columnWeights, averageLength: totals.averageLength)
        var postings: [(row: Int64, impact: Double)] = []
        var current: Int64?
        var frequency = 0.0
        func flush() -> Bool {
            guard let row = current else { return true }
            guard let length = lengths[row] else { return false }
            postings.append((row, scoring.impact(frequency: frequency, length: Double(length))))
            return true
        }
        let statement = try db.cachedStatement(sql: "SELECT doc, col FROM temp.chunk_fts_instances WHERE term = ?")
        let cursor = try Row.fetchCursor(statement, arguments: [term])
        let columns = ["title": 0, "heading_path": 1, "text": 2]
        while let row = try cursor.next() {
            let doc: Int64 = row[0]
            if doc != current {
                guard flush() else { return [] }
                current = doc
                frequency = 0
            }
            let column = columns[row[1] as String] ?? 2
            frequency += column < columnWeights.count ? columnWeights[column] : 1
        }
        return flush() ? postings : []
    }

    /// The postings of `word` (one term, quoted), each row scored by `mneme_rank`.
    private static func ranked(_ word: String, columnWeights: [Double], _ db: Database) throws -> ImpactList? {
        let parameters = RankParameters(firstPhrase: 0, keep: 0, columnWeights: columnWeights, phraseWeights: [1])
        let statement = try db.cachedStatement(
            sql: "SELECT rowid, \(RankFunction.name)(chunk_fts, ?2) FROM chunk_fts WHERE chunk_fts MATCH ?1")
        var postings: [(row: Int64, impact: Double)] = []
        let cursor = try Row.fetchCursor(statement, arguments: [word, Data(parameters.blob)])
        while let row = try cursor.next() {
            postings.append((row: row[0], impact: row[1]))
        }
        return ImpactList(postings)
    }

    /// Queues `words` (as written, with their stems) to be loaded in the background, one list
    /// at a time — a single loader, so that loading never takes more than one core from searches.
    /// Lists a search missed (`urgent`) go before those queued by ``preload()``.
    func loadInBackground(_ words: [(word: String, key: String)], urgent: Bool = true) {
        state.withLock { state in
            var added: [(word: String, key: String)] = []
            for word in words
            where state.entries[word.key] == nil && !state.pending.contains(word.key)
                && !state.oversized.contains(word.key)
            {
                state.pending.insert(word.key)
                added.append(word)
            }
            state.queue.insert(contentsOf: added, at: urgent ? 0 : state.queue.count)
            guard state.loader == nil, !state.queue.isEmpty else { return }
            state.loader = Task.detached(priority: .utility) { [self] in await drainQueue() }
        }
    }

    /// Every term of the chunk index with the number of rows holding it, most frequent first,
    /// from FTS5's row vocabulary (about a second per 100,000 chunks).
    static func vocabulary(_ db: Database) throws -> [(term: String, rows: Int)] {
        // fts5vocab tables live in the connection's temp schema: nothing is written to the file.
        try db.execute(
            sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunk_fts_terms USING fts5vocab(main, chunk_fts, row)")
        return try Row.fetchAll(db, sql: "SELECT term, doc FROM temp.chunk_fts_terms ORDER BY doc DESC")
            .map { (term: $0[0] as String, rows: $0[1] as Int) }
    }

    /// Queues the lists of the most frequent of `terms` (the ``vocabulary(_:)`` of an index of
    /// `rows` rows) that still count in the ranking (in at most half the rows), up to the
    /// capacity (nine tenths of it) — the lists most queries need, and the longest to load; then, while room is
    /// left, the lists of the words in more than half the rows, least frequent first (a query
    /// made only of such words ranks by them). Returns once they are queued; ``waitForLoads()``
    /// waits for them.
    func preload(_ terms: [(term: String, rows: Int)], indexRows rows: Int) {
        // A tenth of the capacity stays free for the lists searches load on demand, which would
        // otherwise evict preloaded ones at once.
        var budget = capacity - capacity / 10 - size.postings
        var words: [(word: String, key: String)] = []
        let ranking = terms.filter { $0.rows * 2 <= rows }
        let common = terms.filter { $0.rows * 2 > rows }.sorted { $0.rows < $1.rows }
        for term in ranking + common where term.rows <= budget {
            words.append((term.term, term.term))
            budget -= term.rows
        }
        loadInBackground(words, urgent: false)
    }

    /// Loads queued lists until the queue is empty.
    private func drainQueue() async {
        while let word = state.withLock({ state -> (word: String, key: String)? in
            if state.queue.isEmpty {
                state.loader = nil
                return nil
            }
            return state.queue.removeFirst()
        }) {
            let loaded = try? await pool.read { db in
                let structure = try Self.structure(db)
                // The index may have changed since the last search (or there was none yet).
                self.validate(structure: structure)
                return (structure, try self.load(word: word.word, key: word.key, structure: structure, db))
            }
            if let (structure, list) = loaded, let list { insert(list, key: word.key, structure: structure) }
            state.withLock { _ = $0.pending.remove(word.key) }
        }
    }

    /// Waits until the lists queued so far are loaded.
    func waitForLoads() async {
        while let loader = state.withLock({ $0.loader }) {
            await loader.value
        }
    }
}
