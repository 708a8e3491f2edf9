import GRDB

extension Store {
    /// BM25 weights of the `title`, `heading_path` and `text` columns of the chunk index.
    static let chunkColumnWeights = (title: 2.0, headings: 1.5, text: 1.0)

    /// Finds the chunks of the tenant's documents that best match `text`, among the documents
    /// the user may see.
    ///
    /// Visibility is part of the SQL query: a restricted document is searched only for users
    /// it lists by id or through one of their groups. Any text is accepted; text without words
    /// finds nothing.
    ///
    /// - Parameters:
    ///   - collection: search only this collection.
    ///   - limit: the most chunks to return.
    ///   - perDocument: the most chunks of one document, unless fewer documents match; `nil`
    ///     for no limit.
    public func searchDocuments(
        _ text: String,
        for scope: UserScope,
        collection: String? = nil,
        limit: Int = 5,
        perDocument: Int? = 2
    ) async throws -> [ChunkHit] {
        guard let query = DocumentQuery.match(text), limit > 0 else { return [] }
        let fetchLimit = perDocument == nil ? limit : limit * 4
        let terms = DocumentQuery.contentTerms(text)
        let candidates = try await read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: Self.documentSearchSQL),
                arguments: [query, scope.tenantID, scope.userID, collection, fetchLimit]
            ).map(Self.chunkHit(row:))
        }
        // Snippets only for the chunks returned: stemming every word of the spare candidates
        // fetched for diversity would be wasted work on the query path.
        return Self.diversify(candidates, limit: limit, perDocument: perDocument).map {
            $0.with(snippet: Snippet.make($0.text, terms: terms))
        }
    }

    /// `CROSS JOIN` keeps the full-text index as the outer loop: left to itself, the planner
    /// may scan chunks and probe the index once per row, re-running the whole match each time.
    private static let documentSearchSQL = """
        SELECT c.id, c.document_id, c.heading_path, c.text, c.start_offset, c.end_offset, c.token_count,
            d.uri, d.title, col.name AS collection,
            -bm25(chunk_fts, \(chunkColumnWeights.title), \(chunkColumnWeights.headings), \(chunkColumnWeights.text))
                AS score
        FROM chunk_fts
        CROSS JOIN chunk c ON c.id = chunk_fts.rowid
        CROSS JOIN document d ON d.id = c.document_id
        CROSS JOIN collection col ON col.id = d.collection_id
        WHERE chunk_fts MATCH ?1 AND c.tenant_id = ?2 AND d.tenant_id = ?2
            AND (?4 IS NULL OR col.name = ?4)
            AND (d.visibility = 'tenant' OR EXISTS (
                SELECT 1 FROM document_access a
                WHERE a.document_id = d.id AND (
                    (a.kind = 'user' AND a.name = (SELECT external_id FROM user WHERE id = ?3 AND tenant_id = ?2))
                    OR (a.kind = 'group' AND a.name IN (
                        SELECT name FROM user_group WHERE tenant_id = ?2 AND user_id = ?3)))))
        ORDER BY score DESC LIMIT ?5
        """

    /// A hit without its snippet (see ``ChunkHit/with(snippet:)``).
    private static func chunkHit(row: Row) -> ChunkHit {
        let headings: String = row["heading_path"]
        let text: String = row["text"]
        return ChunkHit(
            chunkID: row["id"],
            documentID: row["document_id"],
            collection: row["collection"],
            uri: row["uri"],
            title: row["title"],
            headingPath: headings.isEmpty ? [] : headings.components(separatedBy: headingSeparator),
            text: text,
            snippet: "",
            score: row["score"],
            startOffset: row["start_offset"],
            endOffset: row["end_offset"],
            tokenCount: row["token_count"]
        )
    }

    /// Keeps at most `perDocument` chunks of each document, best first; chunks over that
    /// limit come back only if there are not enough others to fill `limit`.
    static func diversify(_ hits: [ChunkHit], limit: Int, perDocument: Int?) -> [ChunkHit] {
        guard let perDocument else { return Array(hits.prefix(limit)) }
        var kept: [ChunkHit] = []
        var overflow: [ChunkHit] = []
        var counts: [Int64: Int] = [:]
        for hit in hits {
            let count = counts[hit.documentID, default: 0]
            if count < perDocument, kept.count < limit {
                kept.append(hit)
                counts[hit.documentID] = count + 1
            } else {
                overflow.append(hit)
            }
        }
        if kept.count < limit {
            kept += overflow.prefix(limit - kept.count)
            kept.sort { $0.score > $1.score }
        }
        return kept
    }
}

extension ChunkHit {
    /// The same hit with `snippet`.
    func with(snippet: String) -> ChunkHit {
        ChunkHit(
            chunkID: chunkID, documentID: documentID, collection: collection, uri: uri, title: title,
            headingPath: headingPath, text: text, snippet: snippet, score: score, startOffset: startOffset,
            endOffset: endOffset, tokenCount: tokenCount)
    }
}
