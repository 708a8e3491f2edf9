import Foundation
import MnemeHTTP
import MnemeProvidersTesting
import MnemeStore
import Testing

/// `mneme keys` and `mneme serve` as real processes.
@Suite struct ServeCommandTests {
    @Test func keysAreCreatedOnceListedByPrefixAndRevoked() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let created = try cli.run(["keys", "create", "--tenant", "acme", "--scope", "admin", "--name", "ops"])
        #expect(created.status == 0)
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("mneme-") && !key.contains("\n"), "only the key on standard output")
        let listed = try cli.run(["keys", "list", "--tenant", "acme"])
        #expect(listed.stdout.contains(String(key.prefix(14))))
        #expect(!listed.stdout.contains(key), "the whole key is never shown again")
        #expect(listed.stdout.contains("admin") && listed.stdout.contains("active"))
        let otherTenant = try cli.run(["keys", "list", "--tenant", "globex"])
        #expect(!otherTenant.stdout.contains(String(key.prefix(14))))
        #expect(try cli.run(["keys", "revoke", "--tenant", "globex", String(key.prefix(14))]).status != 0)
        let revoked = try cli.run(["keys", "revoke", "--tenant", "acme", String(key.prefix(14))])
        #expect(revoked.status == 0)
        #expect(try cli.run(["keys", "list", "--tenant", "acme"]).stdout.contains("revoked"))
        let badScope = try cli.run(["keys", "create", "--tenant", "acme", "--scope", "root"])
        #expect(badScope.status != 0)
        #expect(badScope.stderr.contains("chat or admin"))
    }

    /// The official `openai` Python SDK against `mneme serve` on loopback, offline provider upstream.
    @Test(.enabled(if: PythonSDK.isAvailable, "python3 with the openai package is not installed"))
    func theOfficialPythonSDKChatsWithMemory() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let key = try cli.run(["keys", "create", "--tenant", "acme"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let server = try ServerProcess(cli)
        let script = try #require(
            Bundle.module.path(forResource: "openai_serve_probe", ofType: "py", inDirectory: "Fixtures"))
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", script, server.baseURL + "/v1", key]
        probe.environment = ServerProcess.environment([:])
        let output = Pipe()
        let errors = Pipe()
        probe.standardOutput = output
        probe.standardError = errors
        try probe.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        #expect(server.stop() == 0, "a clean shutdown")
        #expect(probe.terminationStatus == 0, "probe failed: \(errorText)")
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((result["first"] as? String)?.contains("Ada") == true)
        #expect(result["first_finish"] as? String == "stop")
        #expect((result["first_usage"] as? [Int])?.first ?? 0 > 0)
        #expect((result["streamed"] as? String)?.contains("Ada") == true, "memory across calls: \(result)")
        #expect(result["stream_finish"] as? String == "stop")
        #expect((result["stream_usage"] as? [Int])?.count == 2)
        #expect((result["helper"] as? String)?.isEmpty == false)
        #expect((result["other"] as? String)?.contains("Ada") == false, "another user has no memory of Ada")
        #expect(result["session_header"] as? String == "sdk-session")
        #expect((result["models"] as? [String])?.contains("mneme") == true)
        #expect(result["auth_error"] as? Int == 401)
        #expect((result["user_error"] as? [Any])?.first as? Int == 400)
    }

    /// SIGTERM during a streamed answer: the answer finishes, the turn is stored complete, and the
    /// process exits 0.
    @Test func aGracefulShutdownFinishesTheTurnInFlight() async throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let key = try cli.run(["keys", "create", "--tenant", "acme"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let server = try ServerProcess(cli, environment: ["MNEME_OFFLINE_DELAY_MS": "40"])
        let http = try HTTPClient()
        defer { http.shutdown() }
        let body: [String: Any] = [
            "model": "mneme", "user": "ada", "stream": true,
            "messages": [["role": "user", "content": "Hi, my name is Ada and I would like to hear a long answer."]],
        ]
        let response = try await http.stream(
            HTTPRequest(
                method: .post, url: server.baseURL + "/v1/chat/completions",
                headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"],
                body: Array(try JSONSerialization.data(withJSONObject: body))))
        #expect(response.status == 200)
        var text = ""
        var signalled = false
        for try await chunk in response.body {
            text += String(decoding: chunk, as: UTF8.self)
            if !signalled, text.contains("\"content\":\"Hi\"") {
                kill(server.process.processIdentifier, SIGTERM)
                signalled = true
            }
        }
        #expect(signalled)
        #expect(text.contains("\"finish_reason\":\"stop\""))
        #expect(text.hasSuffix("data: [DONE]\n\n"))
        #expect(server.stop() == 0)
        let store = try Store(path: cli.database)
        let user = try #require(try await store.user(tenant: "acme", externalID: "ada"))
        #expect(try await store.turn(nil, for: user.scope)?.status == .complete)
    }
}
