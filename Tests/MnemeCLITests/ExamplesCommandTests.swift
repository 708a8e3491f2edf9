import Foundation
import Testing

@Suite struct ExamplesCommandTests {
    @Test func addListRemovePerTenant() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let pinned = try cli.run([
            "examples", "add", "--tenant", "acme", "--persona", "support", "--pinned", "Hi", "Hello!",
        ])
        #expect(pinned.status == 0)
        #expect(pinned.stdout.contains("Added example 1 (pinned) for persona support"))
        #expect(
            try cli.run(["examples", "add", "--tenant", "acme", "Reset my password?", "Use the portal."]).status == 0)
        #expect(try cli.run(["examples", "add", "--tenant", "globex", "Globex question", "Globex answer"]).status == 0)
        #expect(try cli.run(["examples", "add", "--tenant", "acme", " ", "x"]).status == 64, "empty input is refused")

        let listed = try cli.run(["examples", "list", "--tenant", "acme"])
        #expect(listed.stdout.contains("Reset my password?") && listed.stdout.contains("Hello!"))
        #expect(!listed.stdout.contains("Globex"), "another tenant's examples never show")
        let json = try cli.run(["examples", "list", "--tenant", "acme", "--persona", "support", "--json"])
        let examples = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(examples.compactMap { $0["input"] as? String } == ["Hi"])
        #expect(examples.first?["pinned"] as? Bool == true)

        // Example 3 is Globex's: acme cannot remove it.
        let foreign = try cli.run(["examples", "remove", "--tenant", "acme", "3"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("not examples of tenant acme"))
        #expect(try cli.run(["examples", "list", "--tenant", "globex"]).stdout.contains("Globex question"))
        #expect(
            try cli.run(["examples", "remove", "--tenant", "acme", "1", "2"]).stdout.contains("Removed 2 examples"))
        #expect(try cli.run(["examples", "list", "--tenant", "acme"]).stdout.contains("No examples"))
    }
}
