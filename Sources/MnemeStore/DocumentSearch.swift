import Foundation
import GRDB

/// One document search on a read connection: term statistics, the selection of candidate rows,
/// the ranked SQL query with visibility, and pseudo-relevance feedback.
///
/// **Why it is fast.** FTS5 has no top-k pruning: ranking an OR query scores every row that
/// holds any query word, and its `bm25()` also scans each word's posting list to count them.
/// Here the rarest words of the query select the candidate rows (the words whose posting lists
/// together stay within ``selectionBudget`` entries, at least one word), every query word
/// (and feedback word) scores them, document frequencies come from ``TermStatistics``, and
/// ``RankFunction`` skips reading the length of rows that cannot reach the top. Only when the
/// selected rows give too few results are all the query's words used to select. Feedback
/// re-ranks the first search's best chunks in Swift (``BM25``) instead of searching again with
/// some thirty terms.
struct DocumentSearch {
    /// The most posting-list entries the selecting words may have together (beyond the first).
    static let selectionBudget = 2048

    let db: Database
    let statistics: TermStatistics
    let scope: UserScope
    let collection: String?
    private let totals: IndexTotals
    let postings: PostingCache
    let structure: Data?
    private var rows: Int { totals.rows }
    private(set) var frequencies: [String: Int] = [:]
    /// Chunks whose text was read during this search, by id.
    private var fetched: [Int64: ChunkHit] = [:]
    /// Query words whose posting lists were too long to load during the search: the caller
    /// loads them in the background (``PostingCache``).
    var uncached: [QueryTerm] = []

    init(
        _ db: Database, statistics: TermStatistics, postings: PostingCache, scope: UserScope, collection: String?
    ) throws {
        self.db = db
        self.statistics = statistics
        self.postings = postings
        self.scope = scope
        self.collection = collection
        (totals, structure) = try statistics.refresh(db)
        postings.validate(structure: structure)
    }

    /// The best `limit` chunks for `words`, at most `perDocument` of a document unless too few
    /// others match; with feedback, the best ``QueryExpansion/depth`` chunks re-ranked by the
    /// expanded query. Only the chunks returned and the feedback chunks have their text read.
    mutating func run(_ words: [QueryTerm], limit: Int, perDocument: Int?, feedback: Bool) throws -> [ChunkHit] {
        guard rows > 0 else { return [] }
        let feedback = feedback && QueryExpansion.applies(toIndexOf: rows)
        let found = try words.filter { try frequency($0) > 0 }
        if found.isEmpty { return [] }
        // Words in more than half the rows score (almost) nothing in BM25: left out, they cost
        // no posting-list reads, and the ranking is unchanged.
        let informative = found.filter { idf($0) > Self.negligibleIDF }
        let present = informative.isEmpty ? found : informative
        // Spare chunks for diversity: a document's third chunk may be needed when few match.
        let candidates = perDocument == nil ? limit : limit * 4
        let depth = feedback ? max(candidates, QueryExpansion.depth) : candidates
        var ranking: [RankedChunk]
        if let ranked = try inMemory(present, limit: depth) {
            ranking = ranked
        } else {
            ranking = try read(ranked(selecting: selection(present), all: present, scored: present, limit: depth))
        }
        if feedback, !ranking.isEmpty {
            let top = try hits(Array(ranking.prefix(QueryExpansion.feedbackChunks)))
            let added = try expansion(top.map { ($0.text, $0.score) }, excluding: present)
            if !added.isEmpty {
                let expanded = QueryExpansion.expanded(present, adding: added)
                let weights = expanded.map { $0.weight * idf($0) }
                if let reranked = try inMemory(rerank: ranking, terms: expanded, weights: weights) {
                    ranking = reranked
                } else {
                    let scoring = BM25(columnWeights: Store.chunkColumnWeights, averageLength: totals.averageLength)
                    ranking = read(scoring.rerank(try hits(ranking), terms: expanded, weights: weights))
                }
            }
        }
        let kept = RankedChunk.diversify(Array(ranking.prefix(candidates)), limit: limit, perDocument: perDocument)
        return try hits(kept)
    }

    /// The chunks of `ranked` with their text, in order, with the ranking's scores: those read
    /// already come from ``read``, the others from the database.
    mutating func hits(_ ranked: [RankedChunk]) throws -> [ChunkHit] {
        let missing = ranked.filter { fetched[$0.row] == nil }
        if !missing.isEmpty { _ = read(try visible(missing.map { ($0.row, $0.score) })) }
        return ranked.compactMap { fetched[$0.row]?.with(score: $0.score) }
    }

    /// Remembers `hits` (read with their text) for ``hits(_:)``; returns their ranking.
    mutating func read(_ hits: [ChunkHit]) -> [RankedChunk] {
        for hit in hits { fetched[hit.chunkID] = hit }
        return hits.map(RankedChunk.init)
    }

    /// The rarest words, within the budget.
    private func selection(_ words: [QueryTerm]) -> [QueryTerm] {
        let sorted = words.sorted { (frequencies[$0.key] ?? 0) < (frequencies[$1.key] ?? 0) }
        var chosen: [QueryTerm] = []
        var entries = 0
        for word in sorted {
            let count = frequencies[word.key] ?? 0
            if !chosen.isEmpty, entries + count > Self.selectionBudget { break }
            chosen.append(word)
            entries += count
        }
        // Keep the query's order, so the expression (and cached statement text) is stable.
        let keys = Set(chosen.map(\.key))
        return words.filter { keys.contains($0.key) }
    }

    /// Ranked hits; selecting with every word of `all` when `selecting` finds too few.
    private func ranked(selecting: [QueryTerm], all: [QueryTerm], scored: [QueryTerm], limit: Int) throws
        -> [ChunkHit]
    {
        let hits = try fetch(selecting: selecting, scored: scored, limit: limit)
        if hits.count >= limit || selecting.count == all.count { return hits }
        return try fetch(selecting: all, scored: scored, limit: limit)
    }

    /// The feedback words to add, with the weights of ``QueryExpansion``.
    private mutating func expansion(_ feedback: [(text: String, score: Double)], excluding words: [QueryTerm]) throws
        -> [QueryExpansion.Candidate]
    {
        let candidates = QueryExpansion.candidates(feedback, excluding: Set(words.map(\.key)))
        let ceiling = Double(rows) * QueryExpansion.maximumShare
        var added: [QueryExpansion.Candidate] = []
        // Bounded look-ups: a cold cache costs one posting-list scan per word looked at.
        for candidate in candidates.prefix(QueryExpansion.addedTerms * 3) {
            let term = QueryTerm(word: candidate.word, key: candidate.key, weight: candidate.weight)
            let count = try frequency(term)
            if count == 0 || Double(count) > ceiling { continue }
            added.append(candidate)
            if added.count == QueryExpansion.addedTerms { break }
        }
        return added
    }

    /// The number of chunks holding the word.
    private mutating func frequency(_ word: QueryTerm) throws -> Int {
        if let known = frequencies[word.key] { return known }
        let count = try statistics.frequency(of: DocumentQuery.quoted(word.word), key: word.key, db)
        frequencies[word.key] = count
        return count
    }

    /// BM25's idf, as FTS5 computes it (words in more than half the rows get almost nothing).
    func idf(_ word: QueryTerm) -> Double {
        let count = Double(frequencies[word.key] ?? 0)
        let value = log((Double(rows) - count + 0.5) / (count + 0.5))
        return value > 0 ? value : Self.negligibleIDF
    }

    /// FTS5's idf for words in half the rows or more.
    static let negligibleIDF = 1e-6

    /// Runs the ranked query: with pruning first, then without it when visibility or the
    /// collection filter leave fewer than `limit` of the pruned candidates.
    private func fetch(selecting: [QueryTerm], scored: [QueryTerm], limit: Int) throws -> [ChunkHit] {
        let expression = DocumentQuery.expression(selecting: selecting, scored: scored)
        let weights = scored.map { $0.weight * idf($0) }
        let keep = limit + 16
        for pruned in [true, false] {
            let parameters = RankParameters(
                firstPhrase: expression.firstScored, keep: pruned ? keep : 0,
                columnWeights: Store.chunkColumnWeights, phraseWeights: weights)
            let hits = try db.cachedStatement(sql: Self.sql).decodeAll(
                arguments: [
                    expression.match, Data(parameters.blob), pruned ? keep : -1, scope.tenantID, scope.userID,
                    collection, limit,
                ],
                Self.chunkHit(row:))
            if hits.count >= limit || !pruned { return hits }
        }
        return []
    }

    /// The full-text rows are ranked (and pruned) first, on their own, then joined to their
    /// chunks and documents and filtered by tenant, collection and visibility.
    private static let sql = """
        WITH f AS MATERIALIZED (
            SELECT rowid AS id, \(RankFunction.name)(chunk_fts, ?2) AS score FROM chunk_fts
            WHERE chunk_fts MATCH ?1 ORDER BY score DESC LIMIT ?3
        )
        \(joined(hitColumns))
        """

    /// The rows ranked in memory (a JSON array of ids in ?1; ?2 and ?3 unused) joined and
    /// filtered like ``sql``; their scores are attached in Swift.
    static let visibleSQL = """
        WITH f AS MATERIALIZED (SELECT value AS id, 0.0 AS score FROM json_each(?1) WHERE ?2 IS NULL AND ?3 IS NULL)
        \(joined(hitColumns))
        """

    /// ``visibleSQL`` without the chunks' text: their ids and documents only.
    static let visibleRowsSQL = """
        WITH f AS MATERIALIZED (SELECT value AS id, 0.0 AS score FROM json_each(?1) WHERE ?2 IS NULL AND ?3 IS NULL)
        \(joined("c.id, c.document_id"))
        """

    /// The columns of a ``ChunkHit`` (see ``chunkHit(row:)``).
    private static let hitColumns = """
        c.id, c.document_id, c.heading_path, c.text, c.start_offset, c.end_offset, c.token_count,
            d.uri, d.title, col.name AS collection, f.score
        """

    /// The join and filters shared by the queries (?4 tenant, ?5 user, ?6 collection, ?7 limit).
    private static func joined(_ columns: String) -> String {
        """
        SELECT \(columns)
        FROM f
        CROSS JOIN chunk c ON c.id = f.id
        CROSS JOIN document d ON d.id = c.document_id
        CROSS JOIN collection col ON col.id = d.collection_id
        WHERE f.score >= 0 AND c.tenant_id = ?4 AND d.tenant_id = ?4
            AND (?6 IS NULL OR col.name = ?6)
            AND (d.visibility = 'tenant' OR EXISTS (
                SELECT 1 FROM document_access a
                WHERE a.document_id = d.id AND (
                    (a.kind = 'user' AND a.name = (SELECT external_id FROM user WHERE id = ?5 AND tenant_id = ?4))
                    OR (a.kind = 'group' AND a.name IN (
                        SELECT name FROM user_group WHERE tenant_id = ?4 AND user_id = ?5)))))
        ORDER BY f.score DESC LIMIT ?7
        """
    }

    /// A hit without its snippet (see ``ChunkHit/with(snippet:)``).
    static func chunkHit(row: Row) -> ChunkHit {
        let headings: String = row[2]
        return ChunkHit(
            chunkID: row[0],
            documentID: row[1],
            collection: row[9],
            uri: row[7],
            title: row[8],
            headingPath: headings.isEmpty ? [] : headings.components(separatedBy: Store.headingSeparator),
            text: row[3],
            snippet: "",
            score: row[10],
            startOffset: row[4],
            endOffset: row[5],
            tokenCount: row[6]
        )
    }
}
