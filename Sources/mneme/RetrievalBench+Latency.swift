import Foundation
import MnemeStore

extension RetrievalBench {
    /// Query latency over two indexes of about `latencyChunks` chunks: copies of Cranfield, and
    /// Cranfield among other text (generated, Zipf-distributed English words) — with nDCG@10 on
    /// the latter, since pruning matters most in a large index.
    func latency(_ collection: Collection, folder: URL) async throws {
        let folder = keep.map { URL(fileURLWithPath: $0) } ?? folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copies = try Store(path: folder.appendingPathComponent("latency.sqlite").path)
        let copiesUser = try await copies.ensureUser(tenant: "bench", externalID: "reader")
        let perDocument = max(1, latencyChunks / collection.docs.count)
        let reuse = try await !copies.documents(tenant: "bench").isEmpty
        for doc in collection.docs where !reuse {
            let chunks = (0..<perDocument).map { copy in
                NewChunk(
                    headingPath: ["part \(copy)"], text: doc.text, startOffset: 0, endOffset: doc.text.count,
                    tokenCount: 0)
            }
            try await copies.replaceDocument(
                DocumentInput(
                    collection: "latency", uri: doc.id, title: doc.title, format: "text", size: 0, modifiedAt: Date(),
                    contentHash: "", chunks: chunks),
                tenant: "bench"
            )
        }
        Output.line("")
        Output.line(
            "Query latency, top 5 diversified, \(collection.queries.count) queries (first pass on a new store; "
                + "3 repeated passes; unseen: even-numbered queries after the odd-numbered ones):")
        var rows: [[String]] = []
        let copiesName = "\(perDocument) copies of Cranfield (\(perDocument * collection.docs.count) chunks)"
        rows += try await measure(copies.path, copiesUser.scope, collection, corpus: copiesName)

        let mixed = try Store(path: folder.appendingPathComponent("mixed.sqlite").path)
        let mixedUser = try await mixed.ensureUser(tenant: "bench", externalID: "reader")
        let generated =
            try await mixed.documents(tenant: "bench").isEmpty
            ? try await fillMixed(mixed, collection) : max(0, latencyChunks - collection.docs.count)
        let mixedName = "Cranfield + \(generated) generated chunks"
        rows += try await measure(mixed.path, mixedUser.scope, collection, corpus: mixedName)
        Output.line(
            Output.table(
                [
                    "index", "feedback", "first p50", "first p99", "repeated p50", "repeated p99", "unseen p50",
                    "unseen p99", "preloaded p50", "preloaded p99", "repeated CPU p50", "cache",
                ], rows))
        let plain = try await ndcg(mixed, mixedUser.scope, collection, feedback: false)
        let expanded = try await ndcg(mixed, mixedUser.scope, collection, feedback: true)
        Output.line(
            "nDCG@10 of Cranfield's queries in the mixed index: \(String(format: "%.4f", plain)), with feedback "
                + String(format: "%.4f", expanded))
    }

    /// Latency rows (with and without feedback), each from new stores (nothing cached):
    /// - *first pass*: every query once, as a newly started server sees them;
    /// - *repeated*: three more passes, once the posting lists the first pass used are loaded;
    /// - *unseen*: the odd-numbered queries once (not timed), then the even-numbered ones — queries
    ///   never asked before, with the vocabulary of other queries cached (a server in use);
    /// - *preloaded*: every query once on a new store after ``Store/preloadSearchCache()`` (a
    ///   server that has started).
    private func measure(_ path: String, _ scope: UserScope, _ collection: Collection, corpus: String) async throws
        -> [[String]]
    {
        var rows: [[String]] = []
        for feedback in [true, false] {
            func run(
                _ store: Store, _ queries: [(id: String, text: String)], into wall: inout Timings, cpu: inout Timings
            )
                async throws
            {
                for query in queries {
                    let before = processCPUSeconds()
                    var timings = Timings()
                    _ = try await timings.measure {
                        try await store.searchDocuments(query.text, for: scope, limit: 5, feedback: feedback)
                    }
                    cpu = Timings(seconds: cpu.seconds + [processCPUSeconds() - before])
                    wall = Timings(seconds: wall.seconds + timings.seconds)
                }
                await store.waitForSearchCache()
            }
            var (ignored, ignoredCPU) = (Timings(), Timings())
            var (first, repeated, unseen, repeatedCPU) = (Timings(), Timings(), Timings(), Timings())
            let store = try Store(path: path)
            try await run(store, collection.queries, into: &first, cpu: &ignoredCPU)
            for _ in 1..<4 { try await run(store, collection.queries, into: &repeated, cpu: &repeatedCPU) }
            let cached = store.searchCacheSize
            let fresh = try Store(path: path)
            let queries = Array(collection.queries.enumerated())
            try await run(fresh, queries.filter { $0.offset % 2 == 1 }.map(\.element), into: &ignored, cpu: &ignoredCPU)
            try await run(fresh, queries.filter { $0.offset % 2 == 0 }.map(\.element), into: &unseen, cpu: &ignoredCPU)
            let preloaded = try Store(path: path)
            let start = Date()
            try await preloaded.preloadSearchCache()
            await preloaded.waitForSearchCache()
            let preloadSeconds = Date().timeIntervalSince(start)
            let preloadSize = preloaded.searchCacheSize
            var afterPreload = Timings()
            try await run(preloaded, collection.queries, into: &afterPreload, cpu: &ignoredCPU)
            Output.line(
                "  \(corpus), feedback \(feedback ? "yes" : "no"): preload \(String(format: "%.1f", preloadSeconds)) s, "
                    + "\(preloadSize.lists) lists, \(String(format: "%.0f", Double(preloadSize.postings) * 8 / 1e6)) MB"
            )
            rows.append(
                [corpus, feedback ? "yes" : "no"]
                    + [first, repeated, unseen, afterPreload].flatMap {
                        [formatMillis($0.percentile(50)), formatMillis($0.percentile(99))]
                    }
                    + [
                        formatMillis(repeatedCPU.percentile(50)),
                        String(format: "%.0f MB", Double(cached.postings) * 8 / 1e6),
                    ])
        }
        return rows
    }

    /// Cranfield's documents, the handbook's and generated chunks, to `latencyChunks` chunks.
    private func fillMixed(_ store: Store, _ collection: Collection) async throws -> Int {
        for doc in collection.docs {
            try await store.replaceDocument(
                DocumentInput(
                    collection: "mixed", uri: doc.id, title: doc.title, format: "text", size: 0, modifiedAt: Date(),
                    contentHash: "",
                    chunks: [
                        NewChunk(
                            headingPath: [], text: doc.text, startOffset: 0, endOffset: doc.text.count, tokenCount: 0)
                    ]),
                tenant: "bench")
        }
        var text = TextGenerator(vocabulary: Self.vocabulary(collection))
        let count = max(0, latencyChunks - collection.docs.count)
        var made = 0
        while made < count {
            let batch = min(1000, count - made)
            let inputs = (0..<batch).map { index in
                let body = text.paragraph()
                return DocumentInput(
                    collection: "mixed", uri: "generated/\(made + index)", title: text.title(), format: "text",
                    size: 0, modifiedAt: Date(), contentHash: "",
                    chunks: [
                        NewChunk(headingPath: [], text: body, startOffset: 0, endOffset: body.count, tokenCount: 0)
                    ])
            }
            try await store.replaceDocuments(inputs, tenant: "bench")
            made += batch
        }
        return made
    }

    /// English words for generated text: the system dictionary when there is one, with
    /// Cranfield's words, so that queries also match generated chunks.
    private static func vocabulary(_ collection: Collection) -> [String] {
        var words = Set<String>()
        if let data = FileManager.default.contents(atPath: "/usr/share/dict/words") {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
            where line.allSatisfy({ $0.isLowercase }) {
                words.insert(String(line))
            }
        }
        for doc in collection.docs {
            for word in doc.text.split(separator: " ") where word.allSatisfy({ $0.isLetter }) {
                words.insert(String(word))
            }
        }
        return words.sorted()
    }

    private func ndcg(_ store: Store, _ scope: UserScope, _ collection: Collection, feedback: Bool) async throws
        -> Double
    {
        var total = 0.0
        for query in collection.queries {
            let hits = try await store.searchDocuments(
                query.text, for: scope, limit: 10, perDocument: 1, feedback: feedback)
            total += Self.ndcg(hits.map(\.uri), collection.judgements[query.id] ?? [:], binary: false)
        }
        return total / Double(collection.queries.count)
    }
}

/// CPU time of the whole process so far (all threads), in seconds.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
