import Foundation
import MnemeIngest
import MnemeStore
import MnemeTokenizer

extension RetrievalBench {
    /// Indexing throughput: Mneme's whole pipeline and its store step alone, against Python
    /// peers inserting the same chunks (bare FTS5, and Mneme's schema with a built-in tokenizer,
    /// written as Mneme writes it now and as it did before). Wall and process CPU seconds: the
    /// indexer loads files on several cores, the peers use one.
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
        // Every timed step starts with the file system settled: the files just written (and the
        // previous step's database) are flushed first, so that no step's `fdatasync` waits behind
        // the write-back of another step's data.
        sync()
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let chunker = Chunker(count: { tokenizer.count($0) })
        let store = try Store(path: folder.appendingPathComponent("index.sqlite").path)
        let indexer = Indexer(store: store, chunker: chunker)
        let cpuBefore = processCPUSeconds()
        let report = try await indexer.index([files.path], into: IndexTarget(tenant: "bench", collection: "files"))
        let cpu = processCPUSeconds() - cpuBefore
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

        sync()
        let storeOnly = try Store(path: folder.appendingPathComponent("store-only.sqlite").path)
        let clock = ContinuousClock()
        let started = clock.now
        let storeCPUBefore = processCPUSeconds()
        let batch = indexer.batchSize
        for first in stride(from: 0, to: inputs.count, by: batch) {
            try await storeOnly.replaceDocuments(
                Array(inputs[first..<min(first + batch, inputs.count)]), tenant: "bench")
        }
        let storeCPU = processCPUSeconds() - storeCPUBefore
        let storeSeconds = (clock.now - started).seconds

        Output.line("")
        Output.line(
            "Indexing \(report.added) Markdown files (\(String(format: "%.2f", megabytes)) MB, \(report.chunks) chunks):"
        )
        func row(_ name: String, _ seconds: Double, _ cpu: Double) -> [String] {
            [
                name, String(format: "%.2f", seconds), String(format: "%.2f", cpu),
                String(format: "%.2f", megabytes / seconds), String(format: "%.0f", Double(report.chunks) / seconds),
            ]
        }
        func ratio(_ name: String, _ first: Double, _ second: Double, _ firstCPU: Double, _ secondCPU: Double)
            -> [String]
        {
            [name, String(format: "%.2fx", first / second), String(format: "%.2fx", firstCPU / secondCPU), "", ""]
        }
        var rows = [
            row("mneme index (load, chunk with o200k counts, hash, store, stemmed FTS5)", seconds, cpu),
            row("Mneme store only (the same chunks into Store.replaceDocuments, stemmed FTS5)", storeSeconds, storeCPU),
        ]
        sync()
        if let peer = runPython(["bench_index_peer.py", chunkFile.path, folder.path, String(batch)]),
            let bare = peer["seconds_bare"] as? Double, let bareCPU = peer["cpu_bare"] as? Double,
            let schema = peer["seconds_schema"] as? Double, let schemaCPU = peer["cpu_schema"] as? Double,
            let perChunk = peer["seconds_per_chunk"] as? Double, let perChunkCPU = peer["cpu_per_chunk"] as? Double
        {
            rows.append(row("peer: Python sqlite3 FTS5 bulk insert, porter (bare table)", bare, bareCPU))
            rows.append(row("peer: Python sqlite3, Mneme's schema and triggers, porter, as Mneme", schema, schemaCPU))
            rows.append(
                row(
                    "peer: the same, one INSERT per chunk and 64 documents a commit (Mneme before)", perChunk,
                    perChunkCPU))
            rows.append(ratio("ratio mneme index / bare peer (wall, CPU)", seconds, bare, cpu, bareCPU))
            rows.append(ratio("ratio mneme index / schema peer", seconds, schema, cpu, schemaCPU))
            rows.append(ratio("ratio store only / schema peer", storeSeconds, schema, storeCPU, schemaCPU))
        }
        Output.line(Output.table(["indexer", "seconds", "CPU s", "MB/s", "chunks/s"], rows))
    }
}
