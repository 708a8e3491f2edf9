import Foundation
import Testing

@Suite struct ContextCommandTests {
    @Test func aDryRunNamesRecalledMessagesByTheirImportedIdsAndStoresNothing() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let transcript = """
            {"session":"old","role":"user","content":"My cat Biscuit hates the vacuum cleaner.","created_at":"2026-01-01T10:00:00Z","external_id":"crm-77"}
            {"session":"old","role":"assistant","content":"Poor Biscuit!","created_at":"2026-01-01T10:00:05Z","external_id":"crm-78"}
            """
        _ = try cli.run(["history", "import", "-", "--user", "ada"], stdin: transcript + "\n")
        let other =
            #"{"session":"x","role":"user","content":"Biscuit is my dog.","created_at":"2026-01-02T10:00:00Z","external_id":"bob-1"}"#
        _ = try cli.run(["history", "import", "-", "--user", "bob"], stdin: other + "\n")

        let result = try cli.run(["context", "--json", "--budget", "2000", "--user", "ada", "What does Biscuit hate?"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let trace = try #require(json["trace"] as? [String: Any])
        let entries = try #require(trace["entries"] as? [[String: Any]])
        let recalled = entries.filter { ($0["section"] as? String) == "recall" && ($0["included"] as? Bool) == true }
        let ids = recalled.compactMap { ($0["source"] as? [String: Any])?["external_id"] as? String }
        #expect(ids.contains("crm-77"))
        #expect(!ids.contains("bob-1"), "never another user's message")
        let budget = try #require(trace["budget"] as? [String: Any])
        #expect((budget["total"] as? Int ?? .max) <= 2000)

        // Nothing was stored: still exactly the two imported messages.
        let export = try cli.run(["history", "export", "--user", "ada"])
        #expect(export.stdout.split(separator: "\n").count == 2)
        let explain = try cli.run(["explain", "--user", "ada"])
        #expect(explain.status != 0)
        #expect(explain.stderr.contains("no turns yet"))
    }

    @Test func explainShowsTheLastTurn() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let ask = try cli.run(["ask", "--user", "ada", "How do I set up the VPN?"])
        #expect(ask.status == 0, "\(ask.stderr)")
        let explain = try cli.run(["explain", "--user", "ada"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("on offline:offline"))
        #expect(explain.stdout.contains("documents"))
        #expect(explain.stdout.contains("Budget: window"))
        let json = try cli.run(["explain", "--json", "--user", "ada"])
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
    }
}
