import Foundation
import MnemeStemming
import Testing

@testable import MnemeStore

/// Document search ranked in memory (``PostingCache``, ``ImpactRanking``) must return what
/// ranking in SQLite returns.
@Suite struct PostingCacheTests {
    /// The best `k` of scoring every row, by brute force.
    private func bruteForce(_ lists: [ImpactList], _ weights: [Double], k: Int) -> [(row: Int64, score: Double)] {
        var scores: [Int64: Double] = [:]
        for (list, weight) in zip(lists, weights) where weight > 0 {
            for index in 0..<list.count {
                scores[list.base + Int64(list.offsets[index]), default: 0] += weight * Double(list.impacts[index])
            }
        }
        return scores.map { (row: $0.key, score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }
            .prefix(k).map { $0 }
    }

    @Test(arguments: [false, true])
    func impactRankingFindsTheTopOfScoringEveryRow(sparse: Bool) {
        var generator = SeededGenerator(state: sparse ? 11 : 5)
        for _ in 0..<200 {
            let lists = (0..<Int.random(in: 1...6, using: &generator)).map { term in
                let far: Int64 = sparse && term == 0 ? 1 << 40 : 0
                let postings = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                    (
                        row: far + Int64.random(in: 1...2_000, using: &generator),
                        impact: Double.random(in: 0.01...2.2, using: &generator)
                    )
                }
                return ImpactList(postings)!
            }
            let weights = lists.map { _ in
                Bool.random(using: &generator) ? Double.random(in: 0.1...8, using: &generator) : 0
            }
            let k = Int.random(in: 1...40, using: &generator)
            let ranked = ImpactRanking.top(lists, weights: weights, k: k)
            let expected = bruteForce(lists, weights, k: k)
            #expect(ranked.count == expected.count)
            let exact = Dictionary(bruteForce(lists, weights, k: .max).map { ($0.row, $0.score) }, uniquingKeysWith: +)
            for (got, want) in zip(ranked, expected) {
                #expect(abs(got.score - want.score) < 1e-4, "the k best scores")
                #expect(abs((exact[got.row] ?? -1) - got.score) < 1e-4, "each row with its own score")
            }
        }
    }

    @Test func impactLookUpsOfAscendingRowsMatchTheList() throws {
        var generator = SeededGenerator(state: 23)
        for _ in 0..<300 {
            let postings = (0..<Int.random(in: 0...400, using: &generator)).map { _ in
                (
                    row: Int64.random(in: 100...5_000, using: &generator),
                    impact: Double.random(in: 0.1...2, using: &generator)
                )
            }
            let list = try #require(ImpactList(postings))
            var known: [Int64: Float] = [:]
            for (offset, impact) in zip(list.offsets, list.impacts) { known[list.base + Int64(offset)] = impact }
            // Rows before the list, inside it (held or not, some twice) and past it.
            let rows =
                ((0..<Int.random(in: 0...120, using: &generator)).map { _ in
                    Int64.random(in: 0...5_200, using: &generator)
                } + Array(known.keys.prefix(20)) + [Int64.max, 1 << 40]).sorted()
            #expect(list.impacts(ofAscending: rows) == rows.map { known[$0] ?? 0 })
        }
    }

    @Test func impactListsSortMergeAndRefuseHugeSpans() throws {
        let list = try #require(ImpactList([(row: 9, impact: 0.5), (row: 3, impact: 1), (row: 9, impact: 0.7)]))
        #expect(list.base == 3)
        #expect(list.offsets == [0, 6])
        #expect(list.impacts == [1, 0.7])
        #expect(list.last == 9)
        #expect(ImpactList([(row: 1, impact: 1), (row: 1 + (1 << 33), impact: 1)]) == nil)
        #expect(ImpactList([(row: .min, impact: 1), (row: .max, impact: 1)]) == nil)
        #expect(ImpactList([])?.count == 0)
        #expect(ImpactRanking.top([list], weights: [1], k: 0).isEmpty)
    }

    /// A corpus of random chunks over a 60-word vocabulary, in three documents per collection.
    private func corpus(_ store: Store, documents count: Int = 50) async throws -> [String] {
        var generator = SeededGenerator(state: 42)
        // Letters only (feedback adds only such words), ending in "q" so no two share a stem.
        let letters = Array("abcdefghij")
        let vocabulary = (0..<60).map { "z\(letters[$0 / 10])\(letters[$0 % 10])q" }
        let documents = (0..<count).map { index in
            DocumentInput(
                collection: index % 2 == 0 ? "even" : "odd", uri: "d\(index)", title: "doc \(index)", format: "text",
                size: 1, modifiedAt: Date(), contentHash: "",
                visibility: index % 7 == 0 ? .restricted(users: ["bob"], groups: []) : .tenant,
                chunks: (0..<6).map { _ in
                    let text = (0..<Int.random(in: 5...60, using: &generator)).map { _ in
                        vocabulary[min(59, Int(Double.random(in: 0..<1, using: &generator).squareRoot() * 60))]
                    }.joined(separator: " ")
                    return NewChunk(headingPath: [], text: text, startOffset: 0, endOffset: 1, tokenCount: 1)
                })
        }
        try await store.replaceDocuments(documents, tenant: "acme")
        return (0..<30).map { _ in
            (0..<Int.random(in: 1...8, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
                .joined(separator: " ")
        }
    }

    /// Hits compared without the order of equal scores: the scores in order, and the chunks
    /// above the last score (which may tie with chunks left out).
    private func same(_ a: [ChunkHit], _ b: [ChunkHit]) -> Bool {
        guard a.count == b.count else { return false }
        if zip(a, b).contains(where: { abs($0.score - $1.score) > 1e-4 * max(1, abs($0.score)) }) { return false }
        let floor = (a.last?.score ?? 0) + 1e-4
        return Set(a.filter { $0.score > floor }.map(\.chunkID)) == Set(b.filter { $0.score > floor }.map(\.chunkID))
    }

    @Test func searchRanksTheSameInMemoryAsInSQLite() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let queries = try await corpus(store)
        let alice = try await store.ensureUser(tenant: "acme", externalID: "alice")
        let bob = try await store.ensureUser(tenant: "acme", externalID: "bob")
        for scope in [alice.scope, bob.scope] {
            for collection in [nil, "odd"] {
                for query in queries {
                    func search() async throws -> [ChunkHit] {
                        try await store.searchDocuments(
                            query, for: scope, collection: collection, limit: 8, perDocument: nil)
                    }
                    store.postingCache.isEnabled = false
                    let reference = try await search()
                    store.postingCache.isEnabled = true
                    let inMemory = try await search()
                    #expect(!reference.isEmpty)
                    #expect(same(reference, inMemory), "\(query)")
                    let restricted = Set(stride(from: 0, to: 50, by: 7).map { "d\($0)" })
                    #expect(scope == bob.scope || inMemory.allSatisfy { !restricted.contains($0.uri) })
                    #expect(collection == nil || inMemory.allSatisfy { $0.collection == "odd" })
                }
            }
        }
        #expect(store.searchCacheSize.lists > 0)
    }

    @Test func longListsLoadInTheBackgroundAndChangesDropThem() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let queries = try await corpus(store)
        let alice = try await store.ensureUser(tenant: "acme", externalID: "alice")
        store.postingCache.inlineLimit = 0
        store.postingCache.isEnabled = false
        let reference = try await store.searchDocuments(queries[0], for: alice.scope, limit: 8, perDocument: nil)
        store.postingCache.isEnabled = true
        let first = try await store.searchDocuments(queries[0], for: alice.scope, limit: 8, perDocument: nil)
        #expect(same(reference, first), "ranked in SQLite while the lists load")
        await store.waitForSearchCache()
        let loaded = store.searchCacheSize
        #expect(loaded.lists > 0 && loaded.lists <= Set(queries[0].split(separator: " ")).count)
        let second = try await store.searchDocuments(queries[0], for: alice.scope, limit: 8, perDocument: nil)
        #expect(same(reference, second), "ranked in memory")
        #expect(store.searchCacheSize.lists == loaded.lists, "nothing loaded again")

        // A change to the index drops the lists (impacts depend on the average length): the
        // next searches see the new chunk, in memory as in SQLite.
        try await store.replaceDocument(
            DocumentInput(
                collection: "even", uri: "new", title: "new", format: "text", size: 1, modifiedAt: Date(),
                contentHash: "",
                chunks: [NewChunk(headingPath: [], text: queries[0], startOffset: 0, endOffset: 1, tokenCount: 1)]),
            tenant: "acme")
        _ = try await store.searchDocuments(queries[0], for: alice.scope, limit: 8, perDocument: nil)
        await store.waitForSearchCache()
        store.postingCache.isEnabled = false
        let changed = try await store.searchDocuments(queries[0], for: alice.scope, limit: 8, perDocument: nil)
        store.postingCache.isEnabled = true
        let cached = try await store.searchDocuments(queries[0], for: alice.scope, limit: 8, perDocument: nil)
        #expect(changed.contains { $0.uri == "new" })
        #expect(same(changed, cached))
    }

    @Test func preloadingLoadsTheFrequentWordsThatStillRank() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let queries = try await corpus(store)
        let alice = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.preloadSearchCache()
        await store.waitForSearchCache()
        let preloaded = store.searchCacheSize
        #expect(preloaded.lists > 10, "the corpus's frequent words")
        // With room for everything, every term's list is held, also those of words in more than
        // half the chunks (a query of only such words ranks by them).
        let vocabulary = try await store.pool.read { db in try PostingCache.vocabulary(db) }
        #expect(preloaded.lists == vocabulary.count)
        #expect(preloaded.postings == vocabulary.reduce(0) { $0 + $1.rows })
        // The vocabulary read by the preload gives every word's number of rows, as counting does.
        let terms = Set(queries.flatMap { DocumentQuery.weightedTerms($0) }.map { [$0.word, $0.key] })
        #expect(terms.count > 20)
        for term in terms {
            let counted = try await store.pool.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM chunk_fts WHERE chunk_fts MATCH ?",
                    arguments: [DocumentQuery.quoted(term[0])])
            }
            #expect(store.termStatistics.known(term[1]) == (counted == 0 ? nil : counted), "\(term)")
        }
        store.postingCache.inlineLimit = 0
        for query in queries.prefix(10) {
            store.postingCache.isEnabled = false
            let reference = try await store.searchDocuments(query, for: alice.scope, limit: 8, perDocument: nil)
            store.postingCache.isEnabled = true
            #expect(
                same(reference, try await store.searchDocuments(query, for: alice.scope, limit: 8, perDocument: nil)))
        }
        await store.waitForSearchCache()
    }

    /// "catholicism" is indexed as "catholic", whose own stem is "cathol": a term that is not its
    /// own stem is preloaded too (from the vocabulary, not by searching for it as a word).
    @Test func preloadingKeepsTermsThatAreNotTheirOwnStem() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        #expect(Stemmer.stem("catholicism") == "catholic" && Stemmer.stem("catholic") != "catholic")
        let documents = (0..<12).map { index in
            DocumentInput(
                collection: "c", uri: "d\(index)", title: "doc \(index)", format: "text", size: 1, modifiedAt: Date(),
                contentHash: "",
                chunks: [
                    NewChunk(
                        headingPath: [],
                        text: index < 4 ? "catholicism and history \(index)" : "plain history text \(index) here",
                        startOffset: 0, endOffset: 1, tokenCount: 1)
                ])
        }
        try await store.replaceDocuments(documents, tenant: "acme")
        let alice = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.preloadSearchCache()
        await store.waitForSearchCache()
        let structure = try await store.pool.read { db in try PostingCache.structure(db) }
        let list = store.postingCache.lists(["catholic"], structure: structure)[0]
        #expect(list?.count == 4, "the term's four rows")
        store.postingCache.inlineLimit = 0
        let cached = try await store.searchDocuments("catholicism", for: alice.scope, limit: 8, perDocument: nil)
        store.postingCache.isEnabled = false
        let reference = try await store.searchDocuments("catholicism", for: alice.scope, limit: 8, perDocument: nil)
        #expect(cached.count == 4 && same(cached, reference))
    }

    /// Feedback's re-ranking from cached impacts equals the re-ranking of the chunks' text.
    @Test func feedbackRerankingInMemoryMatchesTheTextOne() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let queries = try await corpus(store, documents: 180)
        let alice = try await store.ensureUser(tenant: "acme", externalID: "alice")
        for query in queries.prefix(12) {
            store.postingCache.isEnabled = false
            let reference = try await store.searchDocuments(
                query, for: alice.scope, limit: 8, perDocument: nil, feedback: true)
            let plain = try await store.searchDocuments(
                query, for: alice.scope, limit: 8, perDocument: nil, feedback: false)
            store.postingCache.isEnabled = true
            let inMemory = try await store.searchDocuments(
                query, for: alice.scope, limit: 8, perDocument: nil, feedback: true)
            #expect(same(reference, inMemory), "\(query)")
            #expect(!same(reference, plain), "feedback changed the ranking: the comparison means something")
        }
    }

    /// With less room, the preload takes the words that rank first (most frequent first), and
    /// words in more than half the rows only with the room left, least frequent first.
    @Test func preloadingFillsTheRoomWithRankingWordsFirst() async throws {
        let temp = try TemporaryStore()
        _ = try await corpus(temp.store)
        let (vocabulary, rows) = try await temp.store.pool.read { db in
            (try PostingCache.vocabulary(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM chunk") ?? 0)
        }
        let ranking = vocabulary.filter { $0.rows * 2 <= rows }
        let common = vocabulary.filter { $0.rows * 2 > rows }.sorted { $0.rows < $1.rows }
        #expect(ranking.count > 3 && common.count > 1, "both kinds of words in the corpus")
        let room = ranking.reduce(0) { $0 + $1.rows } + common[0].rows
        // The preload fills nine tenths of the capacity.
        var capacity = room
        while capacity - capacity / 10 < room { capacity += 1 }
        let cache = PostingCache(pool: temp.store.pool, columnWeights: Store.chunkColumnWeights, capacity: capacity)
        cache.preload(vocabulary, indexRows: rows)
        await cache.waitForLoads()
        let structure = try await temp.store.pool.read { db in try PostingCache.structure(db) }
        let held = cache.lists(vocabulary.map(\.term), structure: structure)
        let loaded = Set(zip(vocabulary, held).filter { $0.1 != nil }.map(\.0.term))
        #expect(loaded == Set(ranking.map(\.term) + [common[0].term]))
    }

    /// Past its capacity the cache drops the least recently used lists, and never holds a list
    /// longer than itself.
    @Test func fullCacheDropsTheLeastRecentlyUsedLists() throws {
        let temp = try TemporaryStore()
        let cache = PostingCache(pool: temp.store.pool, columnWeights: [1], capacity: 100)
        func list(_ count: Int) -> ImpactList {
            ImpactList((0..<count).map { (row: Int64($0 + 1), impact: 1.0) })!
        }
        for key in ["a", "b", "c"] { cache.insert(list(30), key: key, structure: nil) }
        _ = cache.lists(["a"], structure: nil)
        cache.insert(list(30), key: "d", structure: nil)
        #expect(cache.lists(["a", "b", "c", "d"], structure: nil).map { $0 != nil } == [true, false, true, true])
        #expect(cache.size.postings == 90)
        cache.insert(list(101), key: "e", structure: nil)
        #expect(cache.lists(["e"], structure: nil)[0] == nil && cache.size.postings == 90)
        #expect(cache.lists(["a"], structure: Data([1]))[0] == nil, "another index version gets nothing")
    }
}
