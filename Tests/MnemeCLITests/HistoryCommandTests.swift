import Foundation
import Testing

@Suite struct HistoryCommandTests {
    private let transcript = """
        {"session":"support-1","role":"user","content":"My badge stopped working","created_at":"2026-02-01T08:00:00Z","external_id":"crm-1"}
        {"session":"support-1","role":"assistant","content":"Visit the front desk on floor 2.","created_at":"2026-02-01T08:00:05Z","external_id":"crm-2"}
        {"session":"support-1","role":"user","created_at":"2026-02-01T08:01:00Z"}
        {"session":"support-2","role":"user","content":"Thanks, fixed","created_at":"2026-02-02T09:00:00Z"}
        this line is broken

        """

    @Test func importReportsBadLinesAndIsIdempotent() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let file = try cli.write("chat.jsonl", transcript)
        let first = try cli.run(["history", "import", file, "--user", "alice"])
        #expect(first.status == 1, "bad lines make the exit code non-zero")
        #expect(first.stderr.contains("line 3: missing \"content\""))
        #expect(first.stderr.contains("line 5: not a JSON object"))
        #expect(first.stdout.contains("Imported 3 messages"))

        let second = try cli.run(["history", "import", "-", "--user", "alice"], stdin: transcript)
        #expect(second.stdout.contains("Imported 0 messages (3 already stored"))

        let list = try cli.run(["history", "list", "--user", "alice"])
        #expect(list.stdout.contains("support-1"))
        #expect(list.stdout.contains("support-2"))
        let show = try cli.run(["history", "show", "support-1", "--user", "alice"])
        #expect(show.stdout.contains("user: My badge stopped working"))
        #expect(show.stdout.contains("assistant: Visit the front desk"))
        let other = try cli.run(["history", "show", "support-1", "--user", "bob"])
        #expect(other.status != 0)
        #expect(other.stdout.isEmpty)
    }

    @Test func exportRoundTripsThroughImport() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let file = try cli.write("chat.jsonl", transcript)
        _ = try cli.run(["history", "import", file, "--user", "alice"])
        let exported = try cli.run(["history", "export", "--user", "alice"])
        #expect(exported.status == 0)
        let lines = exported.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains(#""external_id":"crm-1""#))

        let out = cli.folder.appendingPathComponent("copy.jsonl").path
        #expect(try cli.run(["history", "export", "--session", "support-1", out, "--user", "alice"]).status == 0)
        let imported = try cli.run(["history", "import", out, "--user", "carol"])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("Imported 2 messages"))
        let carol = try cli.run(["history", "export", "--user", "carol"])
        #expect(carol.stdout.split(separator: "\n") == Array(lines.prefix(2)))
    }

    @Test func aMissingFileIsAClearError() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["history", "import", "/nonexistent/chat.jsonl"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Cannot read /nonexistent/chat.jsonl"))
    }
}
