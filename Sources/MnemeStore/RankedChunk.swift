/// A chunk of a document search's ranking before its text is read: the search ranks, filters
/// and re-ranks ids, and reads the text (``ChunkHit``) of the few chunks it returns or learns
/// feedback words from — not of every candidate.
struct RankedChunk: Sendable, Equatable {
    /// The chunk's id (its row in the full-text index).
    var row: Int64
    /// The chunk's document (for per-document diversity).
    var document: Int64
    var score: Double

    init(row: Int64, document: Int64, score: Double) {
        self.row = row
        self.document = document
        self.score = score
    }

    /// The ranking entry of a hit already read.
    init(_ hit: ChunkHit) {
        self.init(row: hit.chunkID, document: hit.documentID, score: hit.score)
    }

    /// Keeps at most `perDocument` chunks of each document, best first; chunks over that
    /// limit come back only if there are not enough others to fill `limit`.
    static func diversify(_ ranked: [RankedChunk], limit: Int, perDocument: Int?) -> [RankedChunk] {
        guard let perDocument else { return Array(ranked.prefix(limit)) }
        var kept: [RankedChunk] = []
        var overflow: [RankedChunk] = []
        var counts: [Int64: Int] = [:]
        for chunk in ranked {
            let count = counts[chunk.document, default: 0]
            if count < perDocument, kept.count < limit {
                kept.append(chunk)
                counts[chunk.document] = count + 1
            } else {
                overflow.append(chunk)
            }
        }
        if kept.count < limit {
            kept += overflow.prefix(limit - kept.count)
            kept.sort { $0.score > $1.score }
        }
        return kept
    }
}
