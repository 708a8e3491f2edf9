import Foundation
import HTTPTypes
import Mneme
import MnemeHTTP
import MnemeServer
import MnemeStore
import Testing

/// Health, readiness, metrics, the OpenAPI document, and a client that hangs up mid-stream.
@Suite struct OperationsTests {
    @Test func healthReadinessAndMetrics() async throws {
        let sandbox = try ServerSandbox()
        let key = try await sandbox.key("acme")
        try await sandbox.test { client in
            #expect(try await client.call(.get, "/healthz").status == .ok)
            let ready = try await client.call(.get, "/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.object()["status"] as? String == "ready")
            _ = try await client.chat(key: key, user: "u", "Hello")
            _ = try await client.chat(key: key, user: "u", "Hello again", stream: true)
            let metrics = try await client.call(.get, "/metrics")
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains("mneme_turns_total{status=\"complete\"} 2"))
            #expect(
                metrics.text.contains(
                    "mneme_http_requests_total{route=\"/v1/chat/completions\",method=\"POST\",status=\"200\"} 2"))
            #expect(metrics.text.contains("mneme_turn_duration_seconds_count 2"))
            #expect(!metrics.text.contains("acme"), "no tenant in the labels")
        }
    }

    /// Every operation of the OpenAPI document is served (no "no such endpoint" and no 405).
    @Test func theOpenAPIDocumentMatchesTheRoutes() async throws {
        let sandbox = try ServerSandbox()
        let admin = try await sandbox.key("acme", .admin)
        try await sandbox.test { client in
            let document = try await client.call(.get, "/openapi.json").object()
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count >= 20)
            for (path, operations) in paths {
                var uri = path
                for (name, value) in [
                    "user": "nobody", "session": "1", "key": "k", "turn": "1", "document": "1",
                    "example": "1", "job": "j",
                ] {
                    uri = uri.replacingOccurrences(of: "{\(name)}", with: value)
                }
                for method in operations.keys {
                    let response = try await client.call(
                        HTTPRequest.Method(method.uppercased())!, uri, key: admin, json: [:])
                    #expect(response.status != .methodNotAllowed, "\(method) \(path)")
                    #expect(!response.text.contains("There is no such endpoint"), "\(method) \(path)")
                }
            }
        }
    }

    /// A client that hangs up mid-answer: the turn is cancelled and stored as a partial reply.
    @Test func aClientThatHangsUpLeavesAPartialReply() async throws {
        let sandbox = try ServerSandbox(engine: { $0.offlineChunkDelay = .milliseconds(30) })
        let key = try await sandbox.key("acme")
        try await sandbox.server.application().test(.live) { client in
            let port = try #require(client.port)
            let http = try HTTPClient()
            defer { http.shutdown() }
            let body: [String: Any] = [
                "model": "mneme", "user": "quitter", "stream": true,
                "messages": [
                    ["role": "user", "content": "Please tell me everything about the travel policy and more."]
                ],
            ]
            let request = HTTPRequest(
                method: .post, url: "http://127.0.0.1:\(port)/v1/chat/completions",
                headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"],
                body: Array(try JSONSerialization.data(withJSONObject: body)))
            let reader = Task {
                let response = try await http.stream(request)
                for try await _ in response.body { return response.status }
                return response.status
            }
            #expect(try await reader.value == 200)
            var record: TurnRecord?
            for _ in 0..<400 where record == nil {
                if let user = try await sandbox.engine.store.user(tenant: "acme", externalID: "quitter") {
                    record = try await sandbox.engine.store.turn(nil, for: user.scope)
                }
                if record == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let stored = try #require(record, "the cancelled turn was recorded")
            #expect(stored.status == .partial)
        }
    }

    /// Settings come from the defaults, then the configuration file's `[server]`, then `MNEME_SERVER_*`.
    @Test func fileSettingsSitBetweenDefaultsAndTheEnvironment() throws {
        var settings = ServerSettings()
        settings.port = 9000
        settings.host = "0.0.0.0"
        settings.systemMessage = "append"
        let configuration = try ServerConfiguration(settings: settings, environment: ["MNEME_SERVER_PORT": "9100"])
        #expect(configuration.port == 9100, "the environment wins over the file")
        #expect(configuration.host == "0.0.0.0", "the file wins over the default")
        #expect(configuration.systemMessageMode == .append)
        #expect(configuration.rateLimitBurst == ServerConfiguration().rateLimitBurst)
        settings.logFormat = "xml"
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration(settings: settings, environment: [:])
        }
    }
}
