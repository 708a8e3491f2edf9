import Foundation
import MnemeIngest
import MnemeStore
import MnemeTokenizer

extension RetrievalBench {
    /// Indexing throughput: Mneme's whole pipeline and its store step alone, against Python
    /// peers inserting the same chunks (bare FTS5, and Mneme's schema with a built-in tokenizer).
    func throughput(_ collection: Collection, folder: URL) async throws {
        let files = folder.appendingPathComponent("files")
        for copy in 0..<fileCopies {
            let dir = files.appendingPathComponent("copy\(copy)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for doc in collection.docs {
                let text = "# \(doc.title)\n\n\(doc.text)\n"
                try Data(text.utf8).write(to: dir.appendingPathComponent("\(doc.id).md"))
            }
        }
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let chunker = Chunker(count: { tokenizer.count($0) })
        let store = try Store(path: folder.appendingPathComponent("index.sqlite").path)
        let report = try await Indexer(store: store, chunker: chunker)
            .index([files.path], into: IndexTarget(tenant: "bench", collection: "files"))
        let seconds = report.duration.seconds
        let megabytes = Double(report.bytes) / 1e6

        // The same documents and chunks, for the store-only figure and the peers.
        let inputs = try await store.documents(tenant: "bench").map { stored in
            let document = try DocumentLoader().load(contentsOf: URL(fileURLWithPath: stored.uri))
            return DocumentInput(
                collection: "files", uri: stored.uri, title: document.title, format: stored.format, size: stored.size,
                modifiedAt: stored.modifiedAt, contentHash: stored.contentHash, chunks: chunker.chunks(of: document))
        }
        let chunkFile = folder.appendingPathComponent("chunks.jsonl")
        var lines = Data()
        for input in inputs {
            for chunk in input.chunks {
                let object: [String: String] = [
                    "uri": input.uri, "title": input.title, "heading_path": chunk.headingPath.joined(separator: "\n"),
                    "text": chunk.text,
                ]
                lines += try JSONSerialization.data(withJSONObject: object) + Data("\n".utf8)
            }
        }
        try lines.write(to: chunkFile)

        let storeOnly = try Store(path: folder.appendingPathComponent("store-only.sqlite").path)
        let clock = ContinuousClock()
        let started = clock.now
        for batch in stride(from: 0, to: inputs.count, by: 64) {
            try await storeOnly.replaceDocuments(Array(inputs[batch..<min(batch + 64, inputs.count)]), tenant: "bench")
        }
        let storeSeconds = (clock.now - started).seconds

        Output.line("")
        Output.line(
            "Indexing \(report.added) Markdown files (\(String(format: "%.2f", megabytes)) MB, \(report.chunks) chunks):"
        )
        func row(_ name: String, _ seconds: Double) -> [String] {
            [
                name, String(format: "%.2f", seconds), String(format: "%.2f", megabytes / seconds),
                String(format: "%.0f", Double(report.chunks) / seconds),
            ]
        }
        var rows = [
            row("mneme index (load, chunk with o200k counts, hash, store, stemmed FTS5)", seconds),
            row("Mneme store only (the same chunks into Store.replaceDocuments, stemmed FTS5)", storeSeconds),
        ]
        if let peer = runPython(["bench_index_peer.py", chunkFile.path, folder.path]),
            let bare = peer["seconds_bare"] as? Double, let schema = peer["seconds_schema"] as? Double
        {
            rows.append(row("peer: Python sqlite3 FTS5 bulk insert, porter (bare table)", bare))
            rows.append(row("peer: Python sqlite3, Mneme's schema and triggers, porter", schema))
            rows.append(["ratio mneme index / bare peer", String(format: "%.2fx", seconds / bare), "", ""])
            rows.append(["ratio mneme index / schema peer", String(format: "%.2fx", seconds / schema), "", ""])
            rows.append(["ratio store only / schema peer", String(format: "%.2fx", storeSeconds / schema), "", ""])
        }
        Output.line(Output.table(["indexer", "seconds", "MB/s", "chunks/s"], rows))
    }
}
