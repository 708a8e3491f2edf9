import Foundation
import GRDB
import Testing

@testable import MnemeStore

/// ``Store/replaceDocuments(_:tenant:)`` writes a batch's chunks with one statement; these check
/// that what is stored and found is what one document at a time would give.
@Suite struct DocumentBatchTests {
    private func document(_ uri: String, _ texts: [String], collection: String = "handbook") -> DocumentInput {
        DocumentInput(
            collection: collection, uri: uri, title: "Title of \(uri)", format: "markdown", size: 100,
            modifiedAt: Date(timeIntervalSince1970: 1_700_000_000), contentHash: "h-\(uri)",
            chunks: texts.map {
                NewChunk(
                    headingPath: ["Top", uri], text: $0, startOffset: 0, endOffset: $0.unicodeScalars.count,
                    tokenCount: 3)
            }
        )
    }

    /// Rows of `chunk` in id order: document URI, ordinal, text.
    private func chunkRows(_ store: Store) throws -> [String] {
        let queue = try DatabaseQueue(path: store.path)
        return try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.uri, c.ordinal, c.title, c.heading_path, c.text FROM chunk c
                    JOIN document d ON d.id = c.document_id ORDER BY c.id
                    """
            ).map { "\($0[0] as String)#\($0[1] as Int) \($0[2] as String)|\($0[3] as String)|\($0[4] as String)" }
        }
    }

    @Test func aBatchStoresEveryChunkInOrderAndIndexesIt() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        let inputs = (0..<300).map { index in
            document("doc\(index).md", ["first part word\(index)x", "second part of document \(index)"])
        }
        let stored = try await store.replaceDocuments(inputs, tenant: "acme")
        #expect(stored.map(\.uri) == inputs.map(\.uri))
        #expect(stored.map(\.id) == stored.map(\.id).sorted())

        let expected = inputs.flatMap { input in
            input.chunks.enumerated().map { ordinal, chunk in
                "\(input.uri)#\(ordinal) \(input.title)|Top\n\(input.uri)|\(chunk.text)"
            }
        }
        #expect(try chunkRows(store) == expected)
        for index in [0, 137, 299] {
            let hits = try await store.searchDocuments("word\(index)x", for: user.scope)
            #expect(hits.map(\.uri) == ["doc\(index).md"], "word\(index)x")
        }
        #expect(try await store.integrityCheck().isEmpty)
    }

    @Test func aURIRepeatedInOneBatchKeepsTheLastVersion() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.replaceDocuments(
            [
                document("a.md", ["parking rules"]), document("b.md", ["canteen hours"]),
                document("a.md", ["bicycle storage", "bicycle repair"]),
                document("a.md", ["bicycle storage"], collection: "other"),
            ],
            tenant: "acme")
        #expect(try await store.searchDocuments("parking", for: user.scope).isEmpty)
        #expect(try await store.searchDocuments("canteen", for: user.scope).count == 1)
        #expect(try await store.searchDocuments("repair", for: user.scope).count == 1)
        let documents = try await store.documents(tenant: "acme")
        #expect(
            documents.map { "\($0.collection)/\($0.uri)/\($0.chunkCount)" }.sorted() == [
                "handbook/a.md/2", "handbook/b.md/1", "other/a.md/1",
            ])
        #expect(try chunkRows(store).count == 4)
        #expect(try await store.integrityCheck().isEmpty)
    }

    @Test func replacingABatchLeavesOnlyTheNewChunks() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let user = try await store.ensureUser(tenant: "acme", externalID: "alice")
        try await store.replaceDocuments((0..<20).map { document("d\($0).md", ["old text \($0)"]) }, tenant: "acme")
        try await store.replaceDocuments(
            (0..<20).map { document("d\($0).md", ["new text \($0)", "more new text"]) }, tenant: "acme")
        #expect(try await store.searchDocuments("old", for: user.scope).isEmpty)
        #expect(try await store.searchDocuments("new", for: user.scope).count > 0)
        #expect(try chunkRows(store).count == 40)
        #expect(try await store.integrityCheck().isEmpty)
        // An empty batch writes nothing and fails nothing.
        #expect(try await store.replaceDocuments([], tenant: "acme").isEmpty)
    }
}

extension DocumentBatchTests {
    /// Chunks are bound without copying: empty texts stay `''` (never `NULL`), and offsets, counts
    /// and every kind of text arrive exactly.
    @Test func emptyAndNonASCIITextsAndNumbersAreStoredExactly() async throws {
        let temp = try TemporaryStore()
        let store = temp.store
        let texts = ["", "отпуск 😀 naïve", String(repeating: "long text ", count: 5_000), "x"]
        let input = DocumentInput(
            collection: "c", uri: "empty-title.md", title: "", format: "markdown", size: 1,
            modifiedAt: Date(timeIntervalSince1970: 1_700_000_000), contentHash: "h",
            chunks: texts.enumerated().map { index, text in
                NewChunk(
                    headingPath: index == 1 ? ["Раздел", "Sub"] : [], text: text, startOffset: index * 1_000_003,
                    endOffset: index * 1_000_003 + 7, tokenCount: Int(Int32.max) + index)
            }
        )
        try await store.replaceDocuments([input], tenant: "acme")
        let rows = try DatabaseQueue(path: store.path).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT title, heading_path, text, typeof(heading_path) AS kind, start_offset, end_offset,
                        token_count FROM chunk ORDER BY id
                    """)
        }
        #expect(rows.map { $0["text"] as String } == texts)
        #expect(rows.map { $0["title"] as String } == ["", "", "", ""])
        #expect(rows.map { $0["heading_path"] as String } == ["", "Раздел\nSub", "", ""])
        #expect(rows.allSatisfy { ($0["kind"] as String) == "text" })
        #expect(rows.map { $0["start_offset"] as Int } == (0..<4).map { $0 * 1_000_003 })
        #expect(rows.map { $0["end_offset"] as Int } == (0..<4).map { $0 * 1_000_003 + 7 })
        #expect(rows.map { $0["token_count"] as Int } == (0..<4).map { Int(Int32.max) + $0 })
        #expect(try await store.integrityCheck().isEmpty)
    }
}
