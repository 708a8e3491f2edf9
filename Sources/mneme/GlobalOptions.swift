import ArgumentParser
import Foundation
import Mneme
import MnemeConfig
import MnemeStore

/// Options every command takes: which configuration file, database, tenant and user.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file.", discussion: "Default: $MNEME_CONFIG, else ./mneme.toml when it exists."))
    var config: String?

    @Option(
        name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $MNEME_DB, else ./mneme.sqlite."))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The tenant.", discussion: "Default: $MNEME_TENANT, else \"default\"."))
    var tenant: String?

    @Option(name: .long, help: ArgumentHelp("The user's id.", discussion: "Default: $MNEME_USER, else \"local\"."))
    var user: String?

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The configuration: defaults, the file (if any), `MNEME_*` variables, then `--db`.
    ///
    /// - Throws: ``ConfigError`` with every error of the file, each with its line.
    func configuration() throws -> EngineConfiguration {
        var configuration =
            try ConfigFile.locate(explicit: config).map { path throws(ConfigError) in
                try EngineConfiguration(file: path)
            } ?? EngineConfiguration()
        if let db { configuration.databasePath = db }
        return configuration
    }

    /// The database file: `--db`, `$MNEME_DB`, the configuration file's `database`, else `mneme.sqlite`.
    var databasePath: String {
        get throws { try configuration().databasePath }
    }
    var tenantName: String { tenant ?? Self.environment["MNEME_TENANT"].nonEmpty ?? "default" }
    var userID: String { user ?? Self.environment["MNEME_USER"].nonEmpty ?? "local" }

    func openStore() throws -> Store {
        try Store(path: try databasePath)
    }

    /// The user, created if missing.
    func ensureUser(_ store: Store) async throws -> User {
        try await store.ensureUser(tenant: tenantName, externalID: userID)
    }

    /// The user, or `nil` if the store has never seen them.
    func existingUser(_ store: Store) async throws -> User? {
        try await store.user(tenant: tenantName, externalID: userID)
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        switch self {
        case .some(let value) where !value.isEmpty: return value
        default: return nil
        }
    }
}
