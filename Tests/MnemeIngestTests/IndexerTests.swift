import Foundation
import MnemeIngest
import MnemeStore
import Testing

@Suite struct IndexerTests {
    final class Folder: Sendable {
        let url: URL
        let store: Store

        init() throws {
            url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
                "mneme-index-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent("docs/hr"), withIntermediateDirectories: true)
            store = try Store(path: url.appendingPathComponent("db.sqlite").path)
        }

        var docs: String { url.appendingPathComponent("docs").path }

        @discardableResult
        func write(_ name: String, _ text: String, modified: Date? = nil) throws -> String {
            let path = url.appendingPathComponent("docs/\(name)").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path) }
            return path
        }

        deinit { try? FileManager.default.removeItem(at: url) }
    }

    private let target = IndexTarget(tenant: "acme", collection: "handbook")

    private func indexer(_ folder: Folder) -> Indexer {
        Indexer(
            store: folder.store, chunker: Chunker(configuration: .init(targetTokens: 50), count: ChunkerTests.words))
    }

    @Test func reindexingIsIncrementalAndIdempotent() async throws {
        let folder = try Folder()
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        try folder.write("hr/vacation.md", "# Vacation\n\nEmployees get 25 vacation days.\n", modified: old)
        try folder.write("hr/remote.md", "# Remote work\n\nWork from anywhere two days a week.\n", modified: old)
        try folder.write("it.txt", "The VPN gateway is vpn.northwind.example.\n", modified: old)
        let indexer = indexer(folder)

        let first = try await indexer.index([folder.docs], into: target)
        #expect(first.added == 3)
        #expect(first.chunks == 3)
        #expect(first.skipped.isEmpty)

        let again = try await indexer.index([folder.docs], into: target)
        #expect(again.unchanged == 3)
        #expect(!again.wroteAnything)

        try folder.write("hr/vacation.md", "# Vacation\n\nEmployees get 30 vacation days.\n")
        // Same bytes, new modification time: hashed, found unchanged.
        try folder.write("hr/remote.md", "# Remote work\n\nWork from anywhere two days a week.\n")
        try FileManager.default.removeItem(atPath: folder.docs + "/it.txt")
        let third = try await indexer.index([folder.docs], into: target)
        #expect(third.updated == 1)
        #expect(third.unchanged == 1)
        #expect(third.removed == 1)

        let user = try await folder.store.ensureUser(tenant: "acme", externalID: "alice")
        #expect(
            try await folder.store.searchDocuments("vacation days", for: user.scope).first?.text.contains("30") == true)
        #expect(try await folder.store.searchDocuments("vpn gateway", for: user.scope).isEmpty)
        #expect(try await folder.store.integrityCheck().isEmpty)
    }

    @Test func badFilesAreSkippedWithReasonsAndLinkLoopsEnd() async throws {
        let folder = try Folder()
        try folder.write("hr/ok.md", "# Fine\n\nA real document.\n")
        try folder.write("empty.txt", "")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(
            to: URL(fileURLWithPath: folder.docs + "/image.png"))
        try Data([0, 1, 2, 3, 0, 0, 0, 7]).write(to: URL(fileURLWithPath: folder.docs + "/blob.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.docs + "/hr/loop", withDestinationPath: folder.docs)
        try FileManager.default.createSymbolicLink(
            atPath: folder.docs + "/dangling.md", withDestinationPath: "/nonexistent/x.md")
        let report = try await indexer(folder).index([folder.docs, folder.docs + "/missing"], into: target)
        #expect(report.added == 1)
        let reasons = Dictionary(report.skipped.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) }) {
            a, _ in a
        }
        #expect(reasons.keys.sorted() == ["blob.txt", "dangling.md", "empty.txt", "image.png", "missing"])
        #expect(try await folder.store.documents(tenant: "acme").count == 1)
    }

    @Test func filesDeletedDuringARunAreSkippedAndTheIndexStaysConsistent() async throws {
        let folder = try Folder()
        for index in 0..<20 {
            try folder.write("hr/doc\(String(format: "%02d", index)).md", "# Doc \(index)\n\nText \(index).\n")
        }
        let docs = folder.docs
        let report = try await indexer(folder).index([folder.docs], into: target) { progress in
            if progress.filesDone == 1 {
                for index in 10..<20 { try? FileManager.default.removeItem(atPath: docs + "/hr/doc\(index).md") }
            }
        }
        #expect(report.added == 10)
        #expect(report.skipped.count == 10)
        #expect(try await folder.store.integrityCheck().isEmpty)
        let next = try await indexer(folder).index([folder.docs], into: target)
        #expect(next.unchanged == 10)
        #expect(!next.wroteAnything)
    }
}
