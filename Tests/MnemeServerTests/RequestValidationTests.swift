import Foundation
import HTTPTypes
import Testing

/// Bad requests get OpenAI-shaped errors that say what to fix — never a crash, a stack trace
/// or a secret.
@Suite struct RequestValidationTests {
    @Test func malformedBodiesAreRefusedWithAReason() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            let cases: [(String, String)] = [
                ("{\"model\": ", "invalid_json"),
                ("[1, 2]", "invalid_json"),
                ("", "invalid_json"),
                ("{\"model\": \"mneme\"}", "invalid_json"),
                ("{\"model\": \"mneme\", \"messages\": \"hi\"}", "invalid_json"),
                ("{\"model\": 7, \"messages\": []}", "invalid_json"),
                ("{\"model\": \"mneme\", \"messages\": []}", "invalid_messages"),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"messages\": [{\"role\": \"assistant\", \"content\": \"x\"}]}",
                    "invalid_messages"
                ),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"messages\": [{\"role\": \"user\", \"content\": \"  \"}]}",
                    "invalid_messages"
                ),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}, "
                        + "{\"role\": \"user\", \"content\": \"y\"}]}", "invalid_messages"
                ),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"messages\": [{\"role\": \"tool\", \"content\": \"x\"}, "
                        + "{\"role\": \"user\", \"content\": \"y\"}]}", "unsupported_message"
                ),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"n\": 2, \"messages\": [{\"role\": \"user\", \"content\": \"y\"}]}",
                    "unsupported_parameter"
                ),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"tools\": [{}], \"messages\": [{\"role\": \"user\", \"content\": \"y\"}]}",
                    "unsupported_parameter"
                ),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"messages\": [{\"role\": \"user\", \"content\": "
                        + "[{\"type\": \"image_url\"}]}]}", "unsupported_content"
                ),
                (
                    "{\"model\": \"mneme\", \"user\": \"u\", \"temperature\": 9, \"messages\": [{\"role\": \"user\", \"content\": \"y\"}]}",
                    "invalid_parameter"
                ),
                ("{\"model\": \"mneme\", \"messages\": [{\"role\": \"user\", \"content\": \"y\"}]}", "user_required"),
            ]
            for (body, code) in cases {
                let response = try await client.call(.post, "/v1/chat/completions", key: key, raw: body)
                #expect(response.status == .badRequest, "\(body)")
                let error = try response.error()
                #expect(error["code"] as? String == code, "\(body): \(response.text)")
                #expect(error["type"] as? String == "invalid_request_error")
                let message = try #require(error["message"] as? String)
                #expect(!message.isEmpty && !message.contains(".swift") && !message.contains("Sources/"))
            }
        }
        #expect(try await sandbox.engine.store.user(tenant: "acme", externalID: "u") == nil, "refused before storing")
    }

    @Test func textPartsAndTheUserHeaderAreAccepted() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            let body: [String: Any] = [
                "model": "mneme",
                "messages": [["role": "user", "content": [["type": "text", "text": "My name is Lin."]]]],
                "stop": "never", "max_completion_tokens": 50, "temperature": 0.2, "seed": 3,
            ]
            let response = try await client.call(
                .post, "/v1/chat/completions", key: key, json: body,
                headers: [HTTPField.Name("X-Mneme-User")!: "lin"])
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.reply().contains("Lin"))
        }
        #expect(try await sandbox.engine.store.user(tenant: "acme", externalID: "lin") != nil)
    }

    @Test func requestsWithoutAUserGoToTheAnonymousUserWhenConfigured() async throws {
        let sandbox = try ServerSandbox(server: { $0.anonymousUser = "guest" })
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            let response = try await client.chat(key: key, user: nil, "Hello")
            #expect(response.status == .ok)
        }
        #expect(try await sandbox.engine.store.user(tenant: "acme", externalID: "guest") != nil)
    }

    @Test func oversizedBodiesAreRefusedWith413() async throws {
        let sandbox = try ServerSandbox(server: { configuration in
            configuration.maxBodyBytes = 2048
            configuration.maxUploadBytes = 4096
        })
        let key = try await sandbox.key("acme")
        let admin = try await sandbox.key("acme", .admin)
        try await sandbox.test { client in
            let long = String(repeating: "word ", count: 1000)
            let chat = try await client.chat(key: key, user: "u", long)
            #expect(chat.status == .contentTooLarge)
            #expect(try chat.error()["code"] as? String == "body_too_large")
            let fact = try await client.call(.put, "/admin/v1/users/u/facts/bio", key: admin, json: ["value": long])
            #expect(fact.status == .contentTooLarge)
            let small = try await client.call(
                .post, "/admin/v1/documents?name=small.md", key: admin, raw: "# Small\n\n" + long.prefix(3000))
            #expect(small.status == .created, "uploads have their own, larger limit")
            let large = try await client.call(
                .post, "/admin/v1/documents?name=large.md", key: admin, raw: String(repeating: long, count: 2))
            #expect(large.status == .contentTooLarge)
        }
        #expect(try await sandbox.engine.store.user(tenant: "acme", externalID: "u") == nil, "nothing was stored")
    }

    @Test func unknownEndpointsAndMethodsAnswerInJSON() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            let missing = try await client.call(.get, "/v1/nothing-here", key: key)
            #expect(missing.status == .notFound)
            #expect(try missing.error()["message"] as? String != nil)
            let root = try await client.call(.get, "/")
            #expect(root.status == .notFound)
            #expect(root.headers[.contentType] == "application/json")
        }
    }

    @Test func corsIsOffByDefaultAndOnlyForListedOrigins() async throws {
        let closed = try ServerSandbox()
        try await closed.test { client in
            let response = try await client.call(.get, "/healthz", headers: [.origin: "https://app.example"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
        let open = try ServerSandbox(server: { $0.corsOrigins = ["https://app.example"] })
        try await open.test { client in
            let allowed = try await client.call(.get, "/healthz", headers: [.origin: "https://app.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://app.example")
            let other = try await client.call(.get, "/healthz", headers: [.origin: "https://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await client.call(
                .options, "/v1/chat/completions",
                headers: [.origin: "https://app.example", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
        }
    }
}
