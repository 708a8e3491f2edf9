import Foundation
import Testing

@Suite struct ConfigCommandTests {
    @Test func initWritesAFileThatChecksCleanAndIsUsedByOtherCommands() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let created = try cli.run(["config", "init"], withDatabase: false)
        #expect(created.status == 0, "\(created.stderr)")
        let checked = try cli.run(["config", "check"], withDatabase: false)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("mneme.toml: OK"))
        #expect(try cli.run(["config", "init"], withDatabase: false).status != 0, "no silent overwrite")

        // ./mneme.toml is picked up by every command: its database is where the profile goes.
        _ = try cli.write("mneme.toml", "database = \"from-config.sqlite\"\noffline = true\n")
        #expect(try cli.run(["profile", "set", "name", "Ada"], withDatabase: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("from-config.sqlite").path))
        let shown = try cli.run(["config", "show"], withDatabase: false)
        #expect(shown.stdout.contains("database          from-config.sqlite"))
        #expect(shown.stdout.contains("default model     offline:offline"))
    }

    @Test func checkReportsEveryErrorWithItsLineAndExitsNonZero() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let path = try cli.write(
            "bad.toml",
            """
            [context]
            document_candidates = 8
            modle = "x"

            [providers.openai]
            api_key = "sk-should-never-print"
            api_key_env = "OPENAI_API_KEY"
            """)
        let checked = try cli.run(["config", "check", path], withDatabase: false)
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("bad.toml:3: unknown key 'modle' in [context]"))
        #expect(checked.stdout.contains("bad.toml:6: [providers.openai]: give api_key or api_key_env, not both"))
        #expect(!checked.stdout.contains("sk-should-never-print"))

        let json = try cli.run(["config", "check", path, "--json"], withDatabase: false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let issues = try #require(object["issues"] as? [[String: Any]])
        #expect(issues.compactMap { $0["line"] as? Int }.contains(3))

        // Any command refuses a broken file with the same line-numbered message, and stores nothing.
        let refused = try cli.run(["profile", "set", "name", "Ada", "--config", path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("bad.toml:3: unknown key 'modle'"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))

        let missing = try cli.run(["config", "check", "nope.toml"], withDatabase: false)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("nope.toml: the file does not exist"))
    }

    @Test func usageReportsCostFromThePriceTable() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.write("mneme.toml", "offline = true\n[prices.offline]\ninput = 1.0\noutput = 2.0\n")
        let asked = try cli.run(["ask", "--json", "Hello, my name is Ada"])
        #expect(asked.status == 0, "\(asked.stderr)")
        let done = try #require(asked.stdout.split(separator: "\n").last)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(done.utf8)) as? [String: Any])
        let cost = try #require(event["cost_usd"] as? Double)
        #expect(cost > 0)
        let usage = try cli.run(["usage", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(usage.stdout.utf8)) as? [[String: Any]])
        let totals = try #require(rows.first?["totals"] as? [String: Any])
        #expect(totals["turns"] as? Int == 1)
        #expect(abs((totals["costUSD"] as? Double ?? 0) - cost) < 1e-12)
        #expect(try cli.run(["usage", "--since", "yesterday"]).stderr.contains("YYYY-MM-DD"))
    }
}
