import ArgumentParser
import Foundation
import MnemeStore

/// `mneme search "query"`: search the documents the user may see.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search indexed documents (BM25), as the given user sees them."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "What to look for, in plain words.")
    var query: String

    @Option(name: .short, help: "How many chunks to return.")
    var k = 5

    @Option(help: "Search only this collection.")
    var collection: String?

    @Option(help: "The most chunks of one document (0: no limit).")
    var perDocument = 2

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Expand the query with words of the first results (pseudo-relevance feedback).",
            discussion: "Default: the store's (feedback on indexes of at least 1,000 chunks)."))
    var feedback: Bool?

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try global.openStore()
        let user = try await global.ensureUser(store)
        let limit = max(1, k)
        let perDocument = perDocument > 0 ? perDocument : nil
        let hits =
            if let feedback {
                try await store.searchDocuments(
                    query, for: user.scope, collection: collection, limit: limit, perDocument: perDocument,
                    feedback: feedback)
            } else {
                try await store.searchDocuments(
                    query, for: user.scope, collection: collection, limit: limit, perDocument: perDocument)
            }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Output.line(String(decoding: try encoder.encode(hits), as: UTF8.self))
            return
        }
        if hits.isEmpty {
            Output.line("No matching documents.")
            return
        }
        for (rank, hit) in hits.enumerated() {
            let place = ([hit.title] + hit.headingPath.filter { $0 != hit.title }).joined(separator: " › ")
            Output.line(String(format: "%d. %@  (score %.2f)", rank + 1, place, hit.score))
            Output.line("   \(hit.uri) [\(hit.startOffset)–\(hit.endOffset)]")
            Output.line("   \(Output.oneLine(hit.snippet, limit: 200))")
        }
    }
}
