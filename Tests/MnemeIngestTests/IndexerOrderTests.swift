import Foundation
import MnemeIngest
import MnemeStore
import Synchronization
import Testing

/// Files are loaded by several tasks at once; what is stored, reported and shown as progress
/// must not depend on how many.
@Suite struct IndexerOrderTests {
    private let target = IndexTarget(tenant: "acme", collection: "handbook")

    private func run(_ folder: IndexerTests.Folder, store: Store, parallelism: Int, batchSize: Int) async throws
        -> (IndexReport, [String], [String])
    {
        var indexer = Indexer(
            store: store, chunker: Chunker(configuration: .init(targetTokens: 20), count: ChunkerTests.words))
        indexer.parallelism = parallelism
        indexer.batchSize = batchSize
        let seen = Mutex<[String]>([])
        let report = try await indexer.index([folder.docs], into: target) { progress in
            seen.withLock { $0.append("\(progress.filesDone)/\(progress.filesTotal) \(progress.chunks)") }
        }
        let stored = try await store.documents(tenant: "acme").sorted { $0.id < $1.id }
            .map { "\(URL(fileURLWithPath: $0.uri).lastPathComponent) \($0.chunkCount) \($0.contentHash)" }
        return (report, stored, seen.withLock { $0 })
    }

    @Test func parallelLoadingStoresAndReportsLikeOneFileAtATime() async throws {
        let folder = try IndexerTests.Folder()
        for index in 0..<40 {
            let words = (0..<(index % 7 * 9 + 3)).map { "word\($0 % 13)" }.joined(separator: " ")
            try folder.write("hr/doc\(String(format: "%02d", index)).md", "# Doc \(index)\n\n\(words).\n")
        }
        try folder.write("hr/doc17.md", "")  // skipped as empty, in the middle
        let other = try Store(path: folder.url.appendingPathComponent("other.sqlite").path)

        let (one, storedOne, progressOne) = try await run(folder, store: folder.store, parallelism: 1, batchSize: 5)
        let (many, storedMany, progressMany) = try await run(folder, store: other, parallelism: 4, batchSize: 7)
        #expect(one.added == 39 && one.skipped.count == 1)
        #expect(many.added == one.added && many.chunks == one.chunks && many.bytes == one.bytes)
        #expect(many.skipped == one.skipped)
        #expect(storedMany == storedOne)
        // Documents are stored in file order whatever the number of loading tasks.
        #expect(storedOne.map { String($0.prefix(9)) } == storedOne.map { String($0.prefix(9)) }.sorted())
        #expect(progressMany == progressOne)
        #expect(progressOne.count == 40)
        #expect(try await other.integrityCheck().isEmpty)

        let again = try await run(folder, store: other, parallelism: 4, batchSize: 7).0
        #expect(again.unchanged == 39 && !again.wroteAnything)
    }
}
