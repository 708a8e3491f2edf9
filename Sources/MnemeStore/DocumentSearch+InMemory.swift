import Foundation
import GRDB

/// Document search over the posting lists held in memory (``PostingCache``): the first ranking
/// and feedback's re-ranking, each `nil` when the lists it needs are not at hand.
extension DocumentSearch {
    /// The posting lists of `words`, loading those missing when they hold at most
    /// ``PostingCache/inlineLimit`` rows together; otherwise `nil`, with the missing words in
    /// ``uncached`` (the caller loads them in the background).
    mutating func lists(_ words: [QueryTerm]) throws -> [ImpactList]? {
        guard postings.isEnabled else { return nil }
        var lists = postings.lists(words.map(\.key), structure: structure)
        let missing = words.indices.filter { lists[$0] == nil }
        if missing.reduce(0, { $0 + (frequencies[words[$1].key] ?? 0) }) > postings.inlineLimit {
            uncached += missing.map { words[$0] }
            return nil
        }
        for index in missing {
            let word = words[index]
            guard let list = try postings.load(word: word.word, key: word.key, structure: structure, db) else {
                return nil
            }
            postings.insert(list, key: word.key, structure: structure)
            lists[index] = list
        }
        return lists.compactMap { $0 }
    }

    /// The best `limit` visible chunks ranked by ``ImpactRanking`` over cached posting lists, or
    /// `nil` when a word's list is not cached and too long to load now (it is then listed in
    /// ``uncached``), or when visibility leaves too few of the best rows.
    mutating func inMemory(_ words: [QueryTerm], limit: Int) throws -> [RankedChunk]? {
        guard let loaded = try lists(words) else { return nil }
        let weights = words.map { $0.weight * idf($0) }
        // A few more rows than needed, for those the tenant, collection or visibility filter out;
        // then many more, before falling back to SQLite.
        for keep in [limit + 16, (limit + 16) * 16] {
            let best = ImpactRanking.top(loaded, weights: weights, k: keep)
            let ranked = try visibleRows(best)
            if ranked.count >= limit || best.count < keep { return Array(ranked.prefix(limit)) }
        }
        return nil
    }

    /// The `ranked` rows the user may see, in the given order, with their scores and documents
    /// (the chunks' text is not read).
    func visibleRows(_ ranked: [(row: Int64, score: Double)]) throws -> [RankedChunk] {
        if ranked.isEmpty { return [] }
        var documents: [Int64: Int64] = [:]
        let cursor = try Row.fetchCursor(
            db.cachedStatement(sql: Self.visibleRowsSQL),
            arguments: [
                Self.jsonArray(ranked.map(\.row)), nil, nil, scope.tenantID, scope.userID, collection, ranked.count,
            ]
        )
        while let row = try cursor.next() { documents[row[0]] = row[1] }
        return ranked.compactMap { entry in
            documents[entry.row].map { RankedChunk(row: entry.row, document: $0, score: entry.score) }
        }
    }

    /// `ids` as a JSON array, for `json_each`.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map { String($0) }.joined(separator: ",") + "]"
    }

    /// The chunks of `ranked` rows the user may see, in the given order, with their scores.
    func visible(_ ranked: [(row: Int64, score: Double)]) throws -> [ChunkHit] {
        if ranked.isEmpty { return [] }
        let found = try db.cachedStatement(sql: Self.visibleSQL).decodeAll(
            arguments: [
                Self.jsonArray(ranked.map(\.row)), nil, nil, scope.tenantID, scope.userID, collection, ranked.count,
            ],
            Self.chunkHit(row:))
        let byID = Dictionary(found.map { ($0.chunkID, $0) }, uniquingKeysWith: { first, _ in first })
        return ranked.compactMap { entry in byID[entry.row]?.with(score: entry.score) }
    }

    /// `ranking` re-ranked by the expanded query from the impacts held in memory — the same BM25
    /// as ``BM25/rerank(_:terms:weights:)`` computes from the chunks' text, without reading it.
    mutating func inMemory(rerank ranking: [RankedChunk], terms: [QueryTerm], weights: [Double]) throws
        -> [RankedChunk]?
    {
        guard let lists = try lists(terms) else { return nil }
        // The rows in ascending order, looked up list by list in one pass each.
        let order = ranking.indices.sorted { ranking[$0].row < ranking[$1].row }
        let rows = order.map { ranking[$0].row }
        var scores = [Double](repeating: 0, count: ranking.count)
        for (list, weight) in zip(lists, weights) where weight > 0 {
            for (position, impact) in list.impacts(ofAscending: rows).enumerated() {
                scores[order[position]] += weight * Double(impact)
            }
        }
        let scored = ranking.enumerated().map { position, chunk in
            (position: position, chunk: RankedChunk(row: chunk.row, document: chunk.document, score: scores[position]))
        }
        return scored.sorted {
            $0.chunk.score != $1.chunk.score ? $0.chunk.score > $1.chunk.score : $0.position < $1.position
        }.map(\.chunk)
    }
}
