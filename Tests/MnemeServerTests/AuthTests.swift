import Foundation
import HTTPTypes
import MnemeServer
import MnemeStore
import Testing

/// Authentication, scopes, revocation and rate limits.
@Suite struct AuthTests {
    @Test func requestsWithoutAValidKeyAreRefused() async throws {
        let sandbox = try ServerSandbox()
        let valid = try await sandbox.key("acme")
        try await sandbox.test { client in
            let missing = try await client.chat(key: "", user: "u", "Hi", headers: [:])
            #expect(missing.status == .unauthorized)
            let noHeader = try await client.call(.get, "/v1/models")
            #expect(noHeader.status == .unauthorized)
            #expect(noHeader.headers[.wwwAuthenticate] == "Bearer")
            #expect(try noHeader.error()["type"] as? String == "authentication_error")
            let unknown = try await client.call(.get, "/v1/models", key: "mneme-" + String(repeating: "x", count: 40))
            #expect(unknown.status == .unauthorized)
            #expect(try unknown.error()["code"] as? String == "invalid_api_key")
            let basic = try await client.call(.get, "/v1/models", headers: [.authorization: "Basic dXNlcjpwYXNz"])
            #expect(basic.status == .unauthorized)
            let tampered = try await client.call(.get, "/v1/models", key: String(valid.dropLast()) + "_")
            #expect(tampered.status == .unauthorized)
            // Neither response echoes what was sent.
            #expect(!unknown.text.contains("xxxxxxxx"))
            #expect(try await client.call(.get, "/v1/models", key: valid).status == .ok)
        }
    }

    @Test func chatKeysCannotUseTheAdminAPIButAdminKeysCanChat() async throws {
        let sandbox = try ServerSandbox()
        let chat = try await sandbox.key("acme", .chat)
        let admin = try await sandbox.key("acme", .admin)
        try await sandbox.test { client in
            let refused = try await client.call(.get, "/admin/v1/users", key: chat)
            #expect(refused.status == .forbidden)
            #expect(try refused.error()["code"] as? String == "insufficient_scope")
            #expect(try await client.call(.get, "/admin/v1/users", key: admin).status == .ok)
            #expect(try await client.chat(key: admin, user: "u", "Hello").status == .ok)
        }
    }

    @Test func aRevokedKeyIsRefusedAtOnce() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            #expect(try await client.call(.get, "/v1/models", key: key).status == .ok)
            let revoked = try await sandbox.engine.store.revokeAPIKeys(prefix: APIKeys.prefix(of: key), tenant: "acme")
            #expect(revoked.count == 1)
            #expect(try await client.call(.get, "/v1/models", key: key).status == .unauthorized)
        }
        let listed = try await sandbox.engine.store.apiKeys(tenant: "acme")
        #expect(listed.count == 1)
        #expect(listed[0].revokedAt != nil)
        #expect(listed[0].lastUsedAt != nil, "the first request recorded the use")
    }

    @Test func onlyTheHashOfAKeyIsStored() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.engine.store.checkpoint()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.engine.store.path))
        #expect(bytes.range(of: Data(key.utf8)) == nil)
        #expect(bytes.range(of: Data(APIKeys.hash(key).utf8)) != nil)
        #expect(key.hasPrefix(APIKeys.marker) && key.count == APIKeys.marker.count + 40)
    }

    @Test func eachKeyHasItsOwnRateLimit() async throws {
        let sandbox = try ServerSandbox(server: { configuration in
            configuration.rateLimitPerSecond = 0.001
            configuration.rateLimitBurst = 2
        })
        let first = try await sandbox.key("acme")
        let second = try await sandbox.key("acme")
        try await sandbox.test { client in
            #expect(try await client.call(.get, "/v1/models", key: first).status == .ok)
            #expect(try await client.call(.get, "/v1/models", key: first).status == .ok)
            let limited = try await client.call(.get, "/v1/models", key: first)
            #expect(limited.status == .tooManyRequests)
            #expect(try limited.error()["type"] as? String == "rate_limit_error")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await client.call(.get, "/v1/models", key: second).status == .ok)
        }
    }

}
