import ArgumentParser
import Foundation
import MnemeIngest
import MnemeStore
import MnemeTokenizer

/// `mneme index PATH…`: index company documents.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index documents (text, Markdown, HTML, PDF) into a collection, incrementally.",
        discussion: """
            Re-running over the same folders re-reads only changed files and removes documents whose \
            files are gone. Unknown or binary files are skipped with a reason.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Files or folders to index.")
    var paths: [String]

    @Option(help: "The collection to index into.")
    var collection = "default"

    @Option(
        name: .customLong("visible-to"),
        help: "Restrict new documents to a user (user:ID) or group (group:NAME); repeatable. Default: the whole tenant."
    )
    var visibleTo: [String] = []

    @Option(help: "Target chunk size in tokens.")
    var chunkTokens = 400

    @Option(help: "Tokens repeated between consecutive chunks.")
    var overlapTokens = 40

    @Option(help: "Largest file indexed, in megabytes.")
    var maxFileMB = 50

    func visibility() throws -> Visibility {
        if visibleTo.isEmpty { return .tenant }
        var users = Set<String>()
        var groups = Set<String>()
        for entry in visibleTo {
            if entry.hasPrefix("user:"), entry.count > 5 {
                users.insert(String(entry.dropFirst(5)))
            } else if entry.hasPrefix("group:"), entry.count > 6 {
                groups.insert(String(entry.dropFirst(6)))
            } else {
                throw ValidationError("--visible-to takes user:ID or group:NAME (got '\(entry)').")
            }
        }
        return .restricted(users: users, groups: groups)
    }

    func run() async throws {
        let store = try global.openStore()
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let indexer = Indexer(
            store: store,
            loader: DocumentLoader(configuration: .init(maxFileSize: Int64(maxFileMB) << 20)),
            chunker: Chunker(
                configuration: .init(targetTokens: chunkTokens, overlapTokens: overlapTokens),
                count: { tokenizer.count($0) }
            )
        )
        let bar = ProgressBar()
        let report = try await indexer.index(
            paths,
            into: IndexTarget(tenant: global.tenantName, collection: collection, visibility: try visibility())
        ) { progress in
            bar.update(
                filesDone: progress.filesDone, filesTotal: progress.filesTotal, bytesDone: progress.bytesDone,
                bytesTotal: progress.bytesTotal, chunks: progress.chunks, elapsed: progress.elapsed
            )
        }
        bar.finish()
        for skip in report.skipped { Output.error("skipped \(skip.path): \(skip.reason)") }
        let seconds = max(report.duration.seconds, 0.001)
        Output.line(
            String(
                format: "%@: %d files scanned, %d added, %d updated, %d unchanged, %d removed, %d skipped; "
                    + "%d chunks, %.2f MB in %.2f s (%.1f MB/s, %.0f chunks/s)",
                collection, report.scanned, report.added, report.updated, report.unchanged, report.removed,
                report.skipped.count, report.chunks, Double(report.bytes) / 1e6, seconds,
                Double(report.bytes) / 1e6 / seconds, Double(report.chunks) / seconds
            )
        )
    }
}
