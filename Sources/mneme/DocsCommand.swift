import ArgumentParser
import Foundation
import MnemeStore

/// `mneme docs list|remove`: the indexed documents.
struct DocsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "List and remove indexed documents.",
        subcommands: [List.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenant's documents.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only this collection.")
        var collection: String?

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let store = try global.openStore()
            let documents = try await store.documents(tenant: global.tenantName, collection: collection)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                Output.line(String(decoding: try encoder.encode(documents), as: UTF8.self))
                return
            }
            if documents.isEmpty {
                Output.line("No documents in tenant \(global.tenantName).")
                return
            }
            let rows = documents.map { document in
                let access: String
                switch document.visibility {
                case .tenant: access = "tenant"
                case .restricted(let users, let groups):
                    access = (users.sorted().map { "user:\($0)" } + groups.sorted().map { "group:\($0)" })
                        .joined(separator: ",")
                }
                return [
                    String(document.id), document.collection, document.format, String(document.chunkCount), access,
                    document.title, document.uri,
                ]
            }
            Output.line(Output.table(["ID", "COLLECTION", "FORMAT", "CHUNKS", "VISIBLE TO", "TITLE", "URI"], rows))
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove documents by id or URI, or a whole collection.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Document ids or URIs.")
        var documents: [String] = []

        @Option(help: "Remove every document of this collection.")
        var collection: String?

        func validate() throws {
            if documents.isEmpty && collection == nil {
                throw ValidationError("Name documents (ids or URIs) or a --collection to remove.")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            let all = try await store.documents(tenant: global.tenantName, collection: collection)
            let chosen: [StoredDocument]
            if documents.isEmpty {
                chosen = all
            } else {
                chosen = all.filter { documents.contains(String($0.id)) || documents.contains($0.uri) }
                let found = Set(chosen.flatMap { [String($0.id), $0.uri] })
                let missing = documents.filter { !found.contains($0) }
                if !missing.isEmpty {
                    throw ValidationError(
                        "No such document in tenant \(global.tenantName): \(missing.joined(separator: ", ")).")
                }
            }
            let removed = try await store.removeDocuments(chosen.map(\.id), tenant: global.tenantName)
            Output.line("Removed \(removed) documents.")
        }
    }
}
