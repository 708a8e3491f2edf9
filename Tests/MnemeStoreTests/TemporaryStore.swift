import Foundation
import MnemeStore

/// A store in a fresh temporary folder, removed when the value is released.
final class TemporaryStore: Sendable {
    let folder: URL
    let store: Store

    var path: String { store.path }

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("mneme-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("test.sqlite").path)
    }

    /// A path in the temporary folder.
    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

extension Store {
    /// A user with one session, for tests.
    func userWithSession(_ id: String, tenant: String = "acme") async throws -> (User, Session) {
        let user = try await ensureUser(tenant: tenant, externalID: id)
        let session = try await createSession(for: user.scope, title: "chat of \(id)")
        return (user, session)
    }
}
