import ArgumentParser
import Foundation
import MnemeIngest
import MnemeStore
import MnemeTokenizer

/// `mneme bench retrieval`: retrieval quality on Cranfield, index throughput and query latency.
struct RetrievalBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retrieval",
        abstract: """
            nDCG@10 on the Cranfield collection, MRR@5 on the sample handbook's questions, indexing throughput \
            and query latency over 100k chunks.
            """,
        discussion: """
            The Cranfield parts need the collection (corpus.jsonl, queries.jsonl, qrels.tsv). The plain-FTS5 \
            baseline (scripts/cranfield_baseline.py) and the indexing peer (scripts/bench_index_peer.py) run with \
            python3 in the same run.
            """
    )

    @Option(help: "The folder of the Cranfield collection (for the quality, throughput and latency parts).")
    var cranfield: String?

    @Option(help: "The sample handbook (its questions are handbook-questions.md next to it).")
    var handbook = "corpora/handbook"

    @Option(help: "Copies of the collection indexed as files for the throughput figure.")
    var fileCopies = 4

    @Option(help: "Chunks in the latency index.")
    var latencyChunks = 100_000

    @Option(help: "Scripts folder (for the Python peers).")
    var scripts = "scripts"

    @Option(help: "Keep the latency indexes in this folder and reuse them on the next run (for profiling).")
    var keep: String?

    @Option(help: "Which parts to run, comma-separated: quality, handbook, throughput, latency.")
    var parts = "quality,handbook,throughput,latency"

    struct Collection {
        var docs: [(id: String, title: String, text: String)] = []
        var queries: [(id: String, text: String)] = []
        var judgements: [String: [String: Int]] = [:]
    }

    func run() async throws {
        let chosen = Set(parts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-retrieval-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        if chosen.contains("handbook") { try await handbookQuality(folder: folder) }
        guard !chosen.isDisjoint(with: ["quality", "throughput", "latency"]) else { return }
        guard let cranfield else {
            throw ValidationError("--cranfield is needed for the quality, throughput and latency parts.")
        }
        let collection = try loadCollection(cranfield)
        if chosen.contains("quality") { try await quality(collection, cranfield: cranfield, folder: folder) }
        if chosen.contains("throughput") { try await throughput(collection, folder: folder) }
        if chosen.contains("latency") { try await latency(collection, folder: folder) }
    }

    private func loadCollection(_ cranfield: String) throws -> Collection {
        var collection = Collection()
        func lines(_ name: String) throws -> [Substring] {
            let path = cranfield + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("Cannot read \(path).")
            }
            return String(decoding: data, as: UTF8.self).split(separator: "\n")
        }
        for line in try lines("corpus.jsonl") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] ?? [:]
            collection.docs.append((object["id"] ?? "", object["title"] ?? "", object["text"] ?? ""))
        }
        for line in try lines("queries.jsonl") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] ?? [:]
            collection.queries.append((object["id"] ?? "", object["text"] ?? ""))
        }
        for line in try lines("qrels.tsv").dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3, let grade = Int(fields[2]) else { continue }
            collection.judgements[fields[0], default: [:]][fields[1]] = grade
        }
        return collection
    }

    /// nDCG@10 with gain 2^g − 1 (graded) or 1 for g > 0 (binary), as the baseline script.
    static func ndcg(_ ranked: [String], _ judged: [String: Int], binary: Bool) -> Double {
        func gain(_ grade: Int) -> Double { binary ? (grade > 0 ? 1 : 0) : pow(2, Double(grade)) - 1 }
        let dcg = ranked.prefix(10).enumerated().reduce(0.0) {
            $0 + gain(judged[$1.element] ?? 0) / log2(Double($1.offset) + 2)
        }
        let ideal = judged.values.map(gain).sorted(by: >).prefix(10)
        let idcg = ideal.enumerated().reduce(0.0) { $0 + $1.element / log2(Double($1.offset) + 2) }
        return idcg > 0 ? dcg / idcg : 0
    }

    private func quality(_ collection: Collection, cranfield: String, folder: URL) async throws {
        let store = try Store(path: folder.appendingPathComponent("quality.sqlite").path)
        let user = try await store.ensureUser(tenant: "bench", externalID: "reader")
        for doc in collection.docs {
            try await store.replaceDocument(
                DocumentInput(
                    collection: "cranfield", uri: doc.id, title: doc.title, format: "text",
                    size: Int64(doc.text.utf8.count), modifiedAt: Date(), contentHash: "",
                    chunks: [
                        NewChunk(
                            headingPath: [], text: doc.text, startOffset: 0, endOffset: doc.text.count, tokenCount: 0)
                    ]
                ),
                tenant: "bench"
            )
        }
        var rows: [[String]] = []
        for setting in FeedbackSetting.allCases {
            var graded = 0.0
            var binary = 0.0
            for query in collection.queries {
                let hits = try await setting.search(store, query.text, for: user.scope, limit: 10, perDocument: 1)
                let judged = collection.judgements[query.id] ?? [:]
                graded += Self.ndcg(hits.map(\.uri), judged, binary: false)
                binary += Self.ndcg(hits.map(\.uri), judged, binary: true)
            }
            let count = Double(collection.queries.count)
            rows.append([
                "Mneme, \(setting.label)", String(format: "%.4f", graded / count),
                String(format: "%.4f", binary / count),
            ])
        }
        Output.line("Cranfield (\(collection.docs.count) docs, \(collection.queries.count) queries), nDCG@10:")
        if let baseline = runPython(["cranfield_baseline.py", cranfield]) {
            rows.append([
                "plain FTS5 bm25, OR of terms (baseline)", String(format: "%.4f", baseline["ndcg10"] as? Double ?? 0),
                String(format: "%.4f", baseline["ndcg10_binary"] as? Double ?? 0),
            ])
        }
        Output.line(Output.table(["retriever", "nDCG@10 graded", "nDCG@10 binary"], rows))
    }

    func runPython(_ arguments: [String]) -> [String: Any]? {
        let script = scripts + "/" + arguments[0]
        guard FileManager.default.fileExists(atPath: script) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments.dropFirst()
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }
}
