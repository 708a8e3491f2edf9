import ArgumentParser
import Foundation
import MnemeServer
import MnemeStore

/// `mneme keys create|list|revoke`: the API keys of `mneme serve`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys for `mneme serve`.",
        discussion: """
            A key belongs to one tenant: every request made with it sees that tenant's data only. \
            Keys are stored as SHA-256 hashes; a new key is printed once and cannot be shown again.
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it (once).",
            discussion: "Scopes: chat (chat completions and the model list) or admin (the admin API and chat)."
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "What the key may do: chat or admin.")
        var scope: String = "chat"

        @Option(help: "A label to tell keys apart in `keys list`.")
        var name: String?

        func run() async throws {
            guard let scope = APIKeyScope(rawValue: scope) else {
                throw ValidationError("--scope must be chat or admin.")
            }
            let keys = APIKeys(store: try global.openStore())
            let (key, record) = try await keys.create(tenant: global.tenantName, scope: scope, name: name)
            Output.line(key)
            Output.error(
                "Created a key with the \(scope.rawValue) scope for tenant \(record.tenant) (prefix \(record.prefix)). "
                    + "It is shown only now: store it safely.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys (prefix, scope, state).")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "List the keys of every tenant.")
        var all = false

        func run() async throws {
            let store = try global.openStore()
            let records = try await store.apiKeys(tenant: all ? nil : global.tenantName)
            if records.isEmpty {
                Output.line(
                    "No keys\(all ? "" : " for tenant \(global.tenantName)"). Create one with `mneme keys create`.")
                return
            }
            let rows = records.map { key in
                [
                    key.prefix, key.tenant, key.scope.rawValue, key.name ?? "-", Output.time(key.createdAt),
                    Output.time(key.lastUsedAt), key.revokedAt.map { "revoked \(Output.time($0))" } ?? "active",
                ]
            }
            Output.line(Output.table(["PREFIX", "TENANT", "SCOPE", "NAME", "CREATED", "LAST USED", "STATE"], rows))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key by its prefix; requests made with it are refused at once.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The key's prefix as `keys list` shows it (or the whole key).")
        var prefix: String

        func run() async throws {
            let store = try global.openStore()
            let revoked = try await store.revokeAPIKeys(prefix: APIKeys.prefix(of: prefix), tenant: global.tenantName)
            guard !revoked.isEmpty else {
                throw ValidationError("Tenant \(global.tenantName) has no active key with prefix \(prefix).")
            }
            Output.line("Revoked \(revoked.count) key\(revoked.count == 1 ? "" : "s") (prefix \(revoked[0].prefix)).")
        }
    }
}
