import Foundation
import Testing

@Suite struct ProfileCommandTests {
    @Test func setShowUnsetAndForget() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["profile", "set", "name", "Alice", "--user", "alice"]).status == 0)
        #expect(try cli.run(["profile", "set", "language", "Norwegian", "--user", "alice"]).status == 0)
        #expect(try cli.run(["profile", "set", "name", "Bob", "--user", "bob"]).status == 0)

        let shown = try cli.run(["profile", "show", "--user", "alice"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("Alice"))
        #expect(shown.stdout.contains("Norwegian"))
        #expect(!shown.stdout.contains("Bob"), "another user's facts never show")

        let json = try cli.run(["profile", "show", "--json", "--user", "alice"])
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(facts.compactMap { $0["key"] as? String } == ["language", "name"])

        #expect(try cli.run(["profile", "unset", "language", "--user", "alice"]).status == 0)
        let missing = try cli.run(["profile", "unset", "language", "--user", "alice"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no fact 'language'"))

        let refused = try cli.run(["profile", "forget", "--user", "alice"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--yes"))
        #expect(try cli.run(["profile", "show", "--user", "alice"]).stdout.contains("Alice"), "nothing erased")

        let forgotten = try cli.run(["profile", "forget", "--yes", "--user", "alice"])
        #expect(forgotten.status == 0)
        #expect(try cli.run(["profile", "show", "--user", "alice"]).stdout.contains("No profile"))
        #expect(try cli.run(["profile", "show", "--user", "bob"]).stdout.contains("Bob"))
    }

    @Test func environmentAndGlobalOptionsSelectDatabaseAndTenant() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["profile", "set", "plan", "pro", "--tenant", "acme"]).status == 0)
        #expect(try cli.run(["profile", "show", "--tenant", "globex"]).stdout.contains("No profile"))
        #expect(try cli.run(["profile", "show", "--tenant", "acme"]).stdout.contains("pro"))
        // Without --db, the database is ./mneme.sqlite in the working folder.
        #expect(try cli.run(["profile", "set", "k", "v"], withDatabase: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("mneme.sqlite").path))
    }

    @Test func aCorruptDatabaseIsAClearErrorNotACrash() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let path = try cli.write("broken.sqlite", String(repeating: "garbage ", count: 1000))
        let result = try cli.run(["profile", "show", "--db", path], withDatabase: false)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path) is not an SQLite database"))
        #expect(result.stdout.isEmpty)
    }

    @Test func helpListsEveryCommand() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let help = try cli.run(["--help"], withDatabase: false)
        #expect(help.status == 0)
        for command in ["profile", "history", "bench"] { #expect(help.stdout.contains(command)) }
        let profile = try cli.run(["profile", "--help"], withDatabase: false)
        for command in ["show", "set", "unset", "forget"] { #expect(profile.stdout.contains(command)) }
        let show = try cli.run(["profile", "show", "--help"], withDatabase: false)
        for option in ["--db", "--tenant", "--user", "--json", "MNEME_DB"] { #expect(show.stdout.contains(option)) }
    }
}
