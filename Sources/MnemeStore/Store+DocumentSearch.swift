import GRDB

extension Store {
    /// BM25 weights of the `title`, `heading_path` and `text` columns of the chunk index.
    static let chunkColumnWeights = [2.0, 1.5, 1.0]

    /// Finds the chunks of the tenant's documents that best match `text`, among the documents
    /// the user may see.
    ///
    /// Ranking is BM25 over the chunk's title, headings and text, each word of the query
    /// weighted by its idf. With `feedback` (the default), on an index of at least 1,000 chunks,
    /// the best chunks of a first search add the words they have most of to the query, which
    /// re-ranks the first search's best 100 chunks (pseudo-relevance feedback: better on average
    /// on Cranfield, see docs/benchmarks.md; on smaller indexes it drifts, so it is not used
    /// there). Every chunk returned holds at least one word of `text` (or a form of it).
    ///
    /// Visibility is part of the SQL query: a restricted document is searched only for users
    /// it lists by id or through one of their groups, and feedback only uses chunks the user
    /// may see. Any text is accepted; text without words finds nothing.
    ///
    /// - Parameters:
    ///   - collection: search only this collection.
    ///   - limit: the most chunks to return.
    ///   - perDocument: the most chunks of one document, unless fewer documents match; `nil`
    ///     for no limit.
    ///   - feedback: expand the query with words of the first results on an index of at least
    ///     1,000 chunks (on by default).
    ///   - snippets: mark the matched words of each hit in ``ChunkHit/snippet`` (for display;
    ///     `false` leaves it empty and saves the work, as prompt assembly does).
    public func searchDocuments(
        _ text: String,
        for scope: UserScope,
        collection: String? = nil,
        limit: Int = 5,
        perDocument: Int? = 2,
        feedback: Bool = true,
        snippets: Bool = true
    ) async throws -> [ChunkHit] {
        let words = DocumentQuery.weightedTerms(text)
        guard !words.isEmpty, limit > 0 else { return [] }
        let statistics = termStatistics
        let cache = postingCache
        let (kept, uncached) = try await read { db in
            var search = try DocumentSearch(
                db, statistics: statistics, postings: cache, scope: scope, collection: collection)
            let hits = try search.run(words, limit: limit, perDocument: perDocument, feedback: feedback)
            return (hits, search.uncached)
        }
        postingCache.loadInBackground(uncached.map { ($0.word, $0.key) })
        // Snippets only for the chunks returned: stemming every word of the spare candidates
        // fetched for diversity would be wasted work on the query path.
        let terms = words.map(\.word)
        return snippets ? kept.map { $0.with(snippet: Snippet.make($0.text, terms: terms)) } : kept
    }

    /// Starts loading the posting lists of the document index's most frequent words into memory,
    /// so that the first searches of a long-running process rank in memory too.
    ///
    /// Searches load the lists they need on their own (short ones at once, long ones in the
    /// background), so this is optional; servers and chat sessions call it when they start.
    /// Returns once the index's vocabulary is read (about a second per 100,000 chunks); the lists
    /// then load one at a time in the background, up to nine tenths of the cache's capacity (10
    /// million postings, 80 MB; an index of 100,000 chunks of about 160 words needs about 56 MB
    /// for the words that rank). Every term's number of rows is remembered too, so searches do
    /// not count them.
    public func preloadSearchCache() async throws {
        do {
            let statistics = termStatistics
            let (terms, rows) = try await read { db in
                let (_, structure) = try statistics.refresh(db)
                let terms = try PostingCache.vocabulary(db)
                // Every term's number of rows is at hand: a search then never counts one itself.
                statistics.remember(terms, structure: structure)
                return (terms, try Int.fetchOne(db, sql: "SELECT count(*) FROM chunk") ?? 0)
            }
            postingCache.preload(terms, indexRows: rows)
        } catch let error as DatabaseError {
            throw Self.openError(error, path: path)
        }
    }

    /// Waits until the posting lists being loaded in the background are cached (for tests and
    /// benchmarks that need a predictable state).
    public func waitForSearchCache() async {
        await postingCache.waitForLoads()
    }

    /// The posting lists document search holds in memory: how many, and their postings in total.
    public var searchCacheSize: (lists: Int, postings: Int) { postingCache.size }
}

extension ChunkHit {
    /// The same hit with `snippet`.
    func with(snippet: String) -> ChunkHit {
        ChunkHit(
            chunkID: chunkID, documentID: documentID, collection: collection, uri: uri, title: title,
            headingPath: headingPath, text: text, snippet: snippet, score: score, startOffset: startOffset,
            endOffset: endOffset, tokenCount: tokenCount)
    }

    /// The same hit with another score.
    func with(score: Double) -> ChunkHit {
        ChunkHit(
            chunkID: chunkID, documentID: documentID, collection: collection, uri: uri, title: title,
            headingPath: headingPath, text: text, snippet: snippet, score: score, startOffset: startOffset,
            endOffset: endOffset, tokenCount: tokenCount)
    }
}
