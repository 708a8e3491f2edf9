import Foundation
import GRDB
import Testing

@testable import MnemeStore

@Suite struct RankingTests {
    @Test func rankParametersRoundTripAndRejectMalformedBlobs() {
        let parameters = RankParameters(firstPhrase: 2, keep: 30, columnWeights: [2, 1.5, 1], phraseWeights: [0.5, 3])
        let blob = parameters.blob
        let read = blob.withUnsafeBytes { RankParameters(blob: $0) }
        #expect(read == parameters)
        for bad in [[UInt8](), [1, 2, 3], Array(blob.prefix(13)), [UInt8](repeating: 0xFF, count: 48)] {
            #expect(bad.withUnsafeBytes { RankParameters(blob: $0) } == nil, "\(bad.count) bytes")
        }
    }

    @Test func topRowsKeepTheLargestScoresAndTheLowestRowsOfEqualOnes() {
        var heap = TopRows(capacity: 3)
        #expect(!heap.isFull && heap.minimum == -.infinity)
        for (row, score) in [(1, 5.0), (2, 1), (3, 9), (4, 3), (5, 7), (6, 2), (7, 5), (0, 5)] {
            heap.insert(row: Int64(row), score: score)
        }
        #expect(heap.isFull && heap.minimum == 5)
        #expect(heap.sorted().map(\.row) == [3, 5, 0])
        var off = TopRows(capacity: 0)
        off.insert(row: 1, score: 1)
        #expect(!off.isFull && off.sorted().isEmpty, "capacity 0 never prunes")
    }

    @Test func indexTotalsReadSQLiteVarints() {
        // 300 rows (0x82 0x2C), columns of 1, 200 (0x81 0x48) and 99 tokens.
        let totals = IndexTotals(averagesRecord: [0x82, 0x2C, 0x01, 0x81, 0x48, 0x63])
        #expect(totals.rows == 300)
        #expect(abs(totals.averageLength - 1.0) < 1e-9)
        #expect(IndexTotals(averagesRecord: []).rows == 0)
        #expect(IndexTotals(averagesRecord: [0x80]).rows == 0, "a truncated varint reads as nothing")
    }

    @Test func wordScannerSplitsLikeTheTokenizer() {
        var words: [String] = []
        let count = WordScanner.forEachWord("Отпуск—vacation's 25 days; e-mail 😀 café") { words.append($0) }
        #expect(words == ["Отпуск", "vacation", "s", "25", "days", "e", "mail", "café"])
        #expect(count == words.count)
        #expect(WordScanner.forEachWord("") { _ in } == 0)
    }

    @Test func feedbackCandidatesSkipStopWordsShortWordsNumbersAndQueryStems() {
        let candidates = QueryExpansion.candidates(
            [
                ("The turbine blades and turbine vanes cool by ox 2024 x1 air", 10),
                ("Blades of a compressor", 8),
            ],
            excluding: ["vane"])
        let keys = candidates.map(\.key)
        #expect(keys.first == "turbin", "the most frequent word of the best chunk leads")
        #expect(!keys.contains("vane") && !keys.contains("the") && !keys.contains("by"))
        #expect(!keys.contains("2024") && !keys.contains("x1") && !keys.contains("ox"), "numbers, short words")
        #expect(keys.contains("air"))
        #expect(keys.contains("compressor"))
        let expanded = QueryExpansion.expanded(
            [QueryTerm(word: "vanes", key: "vane", weight: 1)], adding: Array(candidates.prefix(2)))
        #expect(abs(expanded.reduce(0) { $0 + $1.weight } - 1) < 1e-9)
        #expect(expanded[0].weight == QueryExpansion.originalWeight)
    }

    @Test func rerankingOrdersByTheWeightedTerms() {
        func hit(_ id: Int64, _ text: String) -> ChunkHit {
            ChunkHit(
                chunkID: id, documentID: id, collection: "c", uri: "\(id)", title: "", headingPath: [], text: text,
                snippet: "", score: 0, startOffset: 0, endOffset: 0, tokenCount: 0)
        }
        let terms = [
            QueryTerm(word: "turbine", key: "turbin", weight: 1), QueryTerm(word: "blade", key: "blade", weight: 1),
        ]
        let ranked = BM25(columnWeights: [2, 1.5, 1], averageLength: 5)
            .rerank(
                [hit(1, "nothing here"), hit(2, "turbines"), hit(3, "turbine blades")], terms: terms, weights: [1, 3])
        #expect(ranked.map(\.chunkID) == [3, 2, 1])
        #expect(ranked[2].score == 0)
    }

    /// The pruned ranking returns exactly the best rows of the unpruned one.
    @Test func pruningKeepsTheExactTopRows() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        var generator = SeededGenerator(state: 7)
        let vocabulary = ["wing", "flow", "lift", "drag", "shock", "wave", "heat", "plate", "jet", "noise"]
        let documents = (0..<40).map { index in
            DocumentInput(
                collection: "c", uri: "d\(index)", title: "doc \(index)", format: "text", size: 1,
                modifiedAt: Date(), contentHash: "",
                chunks: (0..<5).map { _ in
                    let text = (0..<Int.random(in: 3...30, using: &generator)).map { _ in
                        vocabulary.randomElement(using: &generator)!
                    }.joined(separator: " ")
                    return NewChunk(headingPath: [], text: text, startOffset: 0, endOffset: 1, tokenCount: 1)
                })
        }
        try await store.replaceDocuments(documents, tenant: "acme")
        let match = #""wing" OR "shock" OR "heat" OR "noise""#
        func ranked(keep: Int) throws -> [Int64] {
            let parameters = RankParameters(
                firstPhrase: 0, keep: keep, columnWeights: [2, 1.5, 1], phraseWeights: [1.0, 2.5, 0.7, 4])
            return try store.pool.read { db in
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT id FROM (SELECT rowid AS id, mneme_rank(chunk_fts, ?) AS score FROM chunk_fts
                        WHERE chunk_fts MATCH ? ORDER BY score DESC LIMIT ?) ORDER BY score DESC, id
                        """,
                    arguments: [Data(parameters.blob), match, keep > 0 ? keep : 10])
            }
        }
        #expect(try ranked(keep: 10) == ranked(keep: 0))
        #expect(try ranked(keep: 10).count == 10)
    }

    /// Cached document frequencies are dropped when the index changes, also when another
    /// connection (another process) writes.
    @Test func termStatisticsFollowChangesToTheIndex() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        func document(_ uri: String, _ text: String) -> DocumentInput {
            DocumentInput(
                collection: "c", uri: uri, title: uri, format: "text", size: 1, modifiedAt: Date(), contentHash: "",
                chunks: [NewChunk(headingPath: [], text: text, startOffset: 0, endOffset: 1, tokenCount: 1)])
        }
        try await store.replaceDocument(document("a", "horses and ponies"), tenant: "acme")
        #expect(try await store.searchDocuments("zebra", for: user.scope).isEmpty)
        try await store.replaceDocument(document("b", "a zebra crossing"), tenant: "acme")
        #expect(try await store.searchDocuments("zebra", for: user.scope).map(\.uri) == ["b"])
        let other = try Store(path: store.path)
        try await other.replaceDocument(document("c", "zebras everywhere, zebra herds"), tenant: "acme")
        #expect(try await store.searchDocuments("zebra", for: user.scope).map(\.uri) == ["c", "b"])
        try await other.removeDocuments(try await other.documents(tenant: "acme").map(\.id), tenant: "acme")
        #expect(try await store.searchDocuments("zebra", for: user.scope).isEmpty)
    }

    /// If FTS5's averages record reads as empty (another SQLite's format), search still finds the
    /// chunks: the totals come from the chunk table instead.
    @Test func searchSurvivesAnUnreadableAveragesRecord() async throws {
        let temp = try TemporaryStore()
        let user = try await temp.store.ensureUser(tenant: "acme", externalID: "alice")
        try await temp.store.replaceDocument(
            DocumentInput(
                collection: "c", uri: "z", title: "z", format: "text", size: 1, modifiedAt: Date(), contentHash: "",
                chunks: [
                    NewChunk(headingPath: [], text: "a zebra crossing", startOffset: 0, endOffset: 1, tokenCount: 3)
                ]
            ),
            tenant: "acme")
        let queue = try DatabaseQueue(path: temp.store.path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE chunk_fts_data SET block = x'00' WHERE id = 1")
        }
        try queue.close()
        #expect(try await temp.store.searchDocuments("zebra", for: user.scope).map(\.uri) == ["z"])
    }

    @Test func everyHitHoldsAQueryWordAndFeedbackSeesOnlyVisibleChunks() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let bob = try await store.ensureUser(tenant: "acme", externalID: "bob")
        func document(_ uri: String, _ texts: [String], _ visibility: Visibility = .tenant) -> DocumentInput {
            DocumentInput(
                collection: "c", uri: uri, title: uri, format: "text", size: 1, modifiedAt: Date(), contentHash: "",
                visibility: visibility,
                chunks: texts.map { NewChunk(headingPath: [], text: $0, startOffset: 0, endOffset: 1, tokenCount: 1) })
        }
        // Feedback is used on indexes of at least 1,000 chunks: the printers' chunks make it one.
        try await store.replaceDocuments(
            [
                document("public", ["Vacation days accrue monthly; carry over up to five days."]),
                document(
                    "secret", ["Vacation for executives: unlimited sabbatical"],
                    .restricted(users: ["alice"], groups: [])
                ),
                document("other", ["Sabbatical rules and executive perks"]),
                document("printers", (0..<1_000).map { "Printer \($0) takes toner cartridge \($0 % 7)." }),
            ],
            tenant: "acme")
        let hits = try await store.searchDocuments(
            "vacation", for: bob.scope, limit: 5, perDocument: nil, feedback: true)
        #expect(hits.map(\.uri) == ["public"], "no restricted chunk; no chunk without the query's word")
    }
}

/// SplitMix64: the same random chunks on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
