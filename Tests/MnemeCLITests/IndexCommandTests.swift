import Foundation
import GRDB
import MnemeStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct IndexCommandTests {
    /// Writes `count` Markdown files of a few paragraphs each; returns the folder.
    private func corpus(in cli: CLIRunner, files count: Int) throws -> String {
        let folder = cli.folder.appendingPathComponent("corpus")
        for index in 0..<count {
            let dir = folder.appendingPathComponent("part\(index % 10)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let paragraphs = (0..<6).map { paragraph in
                "Section \(paragraph) of policy \(index): employees file vacation requests, expenses and "
                    + String(repeating: "travel bookings through the portal \(index * 7 + paragraph). ", count: 8)
            }
            let text = "# Policy \(index)\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
            try Data(text.utf8).write(to: dir.appendingPathComponent("policy-\(index).md"))
        }
        return folder.path
    }

    /// Documents committed so far, read from another connection while `mneme index` runs
    /// (`nil` while the database or its tables do not exist yet).
    private func committedDocuments(_ path: String) -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        return try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM document") }
    }

    /// The index's consistency: SQLite's and FTS5's integrity checks, and no orphan or duplicate
    /// chunks. Returns the number of documents.
    private func checkConsistency(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> Int
    {
        let store = try Store(path: path)
        #expect(try await store.integrityCheck() == [], sourceLocation: sourceLocation)
        let queue = try DatabaseQueue(path: path)
        return try await queue.read { db in
            let orphans = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM chunk WHERE document_id NOT IN (SELECT id FROM document)")
            #expect(orphans == 0, "no chunk without its document", sourceLocation: sourceLocation)
            let duplicates = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM (SELECT collection_id, uri FROM document GROUP BY 1, 2 HAVING count(*) > 1)
                    """)
            #expect(duplicates == 0, "no document stored twice", sourceLocation: sourceLocation)
            let mismatched = try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM document d
                    WHERE d.chunk_count != (SELECT count(*) FROM chunk c WHERE c.document_id = d.id)
                    """)
            #expect(mismatched == 0, "every document has all its chunks", sourceLocation: sourceLocation)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0
        }
    }

    @Test func killingIndexMidRunKeepsAConsistentIndexThatTheNextRunCompletes() async throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let total = 1500
        let folder = try corpus(in: cli, files: total)

        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["index", folder, "--db", cli.database]
        process.currentDirectoryURL = cli.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once some batches are committed and before the last one.
        var committed = 0
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning {
            committed = committedDocuments(cli.database) ?? 0
            if committed > 0 { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "killed while indexing")
        try #require(committed > 0 && committed < total, "the kill came mid-index (\(committed) of \(total) stored)")

        let afterKill = try await checkConsistency(cli.database)
        #expect(afterKill >= committed && afterKill < total, "whole batches kept: \(afterKill)")

        let again = try cli.run(["index", folder])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(total - afterKill) added"), "\(again.stdout)")
        #expect(again.stdout.contains("\(afterKill) unchanged"), "\(again.stdout)")
        #expect(try await checkConsistency(cli.database) == total)

        let third = try cli.run(["index", folder])
        #expect(third.stdout.contains("0 added, 0 updated, \(total) unchanged, 0 removed"), "\(third.stdout)")
        let search = try cli.run(["search", "vacation requests policy 42", "--json"])
        #expect(search.status == 0 && search.stdout.contains("policy-42.md"), "\(search.stdout)")
    }
}
