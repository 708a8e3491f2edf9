import Foundation
import Mneme
import MnemeProviders
import MnemeStore
import Testing

/// Every request is scoped to its key's tenant: tenant A's key never reaches tenant B's data.
@Suite struct ScopingTests {
    @Test func aKeyOfTenantAReachesNothingOfTenantB() async throws {
        let sandbox = try ServerSandbox()
        let chatA = try await sandbox.key("tenant-a")
        let adminA = try await sandbox.key("tenant-a", .admin)
        let adminB = try await sandbox.key("tenant-b", .admin)
        let chatB = try await sandbox.key("tenant-b")
        try await sandbox.engine.store.addExample(tenant: "tenant-a", input: "refund?", output: "30 days")
        try await sandbox.test { client in
            let first = try await client.chat(key: chatA, user: "ada", "Hi, my name is Ada.")
            #expect(first.status == .ok)
            let turnID = try #require((try first.object()["mneme"] as? [String: Any])?["turn"] as? Int)
            let upload = try await client.call(
                .post, "/admin/v1/documents?name=secret.md", key: adminA,
                raw: "# Launch\n\nThe launch code of tenant A is ZEBRA-42.")
            #expect(upload.status == .created)
            let documentID = try #require(try upload.object()["id"] as? Int)

            // Tenant B sees no user, fact, turn, document or example of tenant A.
            #expect(try await client.call(.get, "/admin/v1/users/ada", key: adminB).status == .notFound)
            #expect(try await client.call(.get, "/admin/v1/users/ada/facts", key: adminB).status == .notFound)
            #expect(try await client.call(.delete, "/admin/v1/users/ada", key: adminB).status == .notFound)
            let users = try await client.call(.get, "/admin/v1/users", key: adminB)
            #expect((try users.object()["data"] as? [Any])?.isEmpty == true)
            let documents = try await client.call(.get, "/admin/v1/documents", key: adminB)
            #expect((try documents.object()["data"] as? [Any])?.isEmpty == true)
            #expect(
                try await client.call(.delete, "/admin/v1/documents/\(documentID)", key: adminB).status == .notFound)
            let examples = try await client.call(.get, "/admin/v1/examples", key: adminB)
            #expect((try examples.object()["data"] as? [Any])?.isEmpty == true)

            // Tenant B's user "ada" is another person: no name, no documents of A.
            let other = try await client.chat(key: chatB, user: "ada", "What is the launch code?")
            #expect(other.status == .ok)
            #expect(try !other.reply().contains("Ada"))
            #expect(try !other.reply().contains("ZEBRA"))
            #expect(try await client.call(.get, "/admin/v1/users/ada/turns/\(turnID)", key: adminB).status == .notFound)

            // Tenant A still has everything.
            let own = try await client.chat(key: chatA, user: "ada", "What is the launch code?")
            #expect(try own.reply().contains("ZEBRA-42"))
            #expect(try await client.call(.get, "/admin/v1/users/ada/turns/\(turnID)", key: adminA).status == .ok)
        }
        let tenantA = try #require(try await sandbox.engine.store.user(tenant: "tenant-a", externalID: "ada"))
        let tenantB = try #require(try await sandbox.engine.store.user(tenant: "tenant-b", externalID: "ada"))
        #expect(tenantA.id != tenantB.id)
        #expect(try await sandbox.engine.store.facts(for: tenantB.scope).isEmpty)
    }

    @Test func aRouteOfAnotherTenantIsNeitherListedNorUsable() async throws {
        let sandbox = try ServerSandbox(engine: { configuration in
            configuration.routes = [
                Route(
                    name: "acme-support", match: RouteMatch(tenant: "acme"),
                    target: ModelTarget(provider: "offline", model: "offline"))
            ]
        })
        let acme = try await sandbox.key("acme")
        let globex = try await sandbox.key("globex")
        try await sandbox.test { client in
            let listed = try await client.call(.get, "/v1/models", key: acme)
            #expect(listed.text.contains("acme-support"))
            let hidden = try await client.call(.get, "/v1/models", key: globex)
            #expect(hidden.status == .ok)
            #expect(!hidden.text.contains("acme-support"))
            let refused = try await client.chat(key: globex, user: "u", "Hello", model: "acme-support")
            #expect(refused.status == .notFound)
            #expect(try refused.error()["code"] as? String == "model_not_found")
            let allowed = try await client.chat(key: acme, user: "u", "Hello", model: "acme-support")
            #expect(allowed.status == .ok)
            #expect((try allowed.object()["mneme"] as? [String: Any])?["route"] as? String == "acme-support")
        }
    }
}
