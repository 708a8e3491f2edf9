import ArgumentParser
import Foundation
import MnemeStore

/// Options every command takes: which database, tenant and user.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("The database file.", discussion: "Default: $MNEME_DB, else ./mneme.sqlite."))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The tenant.", discussion: "Default: $MNEME_TENANT, else \"default\"."))
    var tenant: String?

    @Option(name: .long, help: ArgumentHelp("The user's id.", discussion: "Default: $MNEME_USER, else \"local\"."))
    var user: String?

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    var databasePath: String { db ?? Self.environment["MNEME_DB"].nonEmpty ?? "mneme.sqlite" }
    var tenantName: String { tenant ?? Self.environment["MNEME_TENANT"].nonEmpty ?? "default" }
    var userID: String { user ?? Self.environment["MNEME_USER"].nonEmpty ?? "local" }

    func openStore() throws -> Store {
        try Store(path: databasePath)
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
