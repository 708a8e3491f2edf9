import Foundation
import Testing

@Suite struct TuneDataCommandTests {
    /// examples/fine-tuning in this checkout.
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/fine-tuning")

    static let sample = examples.appendingPathComponent("northwind-lumen.jsonl").path

    @Test func theSampleDataValidatesCleanlyAndTheBrokenFileFailsWithLines() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let good = try cli.run(
            ["tune", "validate", Self.sample, "--for", "openai", "--model", "gpt-4o-mini-2024-07-18"],
            withDatabase: false)
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.contains("0 errors, 0 warnings"))
        #expect(good.stdout.contains("Tokens (exact"))
        #expect(good.stdout.contains("OK: no errors."))

        let broken = Self.examples.appendingPathComponent("broken.jsonl").path
        let bad = try cli.run(
            ["tune", "validate", broken, "--for", "openai", "--model", "gpt-4o-mini-2024-07-18"], withDatabase: false)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("broken.jsonl:3: error [invalid_json]"))
        #expect(bad.stdout.contains("broken.jsonl:6: error [unrecognized_role]"))
        #expect(bad.stdout.contains("broken.jsonl:9: warning [duplicate_example] the same example as line 2"))

        let json = try cli.run(
            ["tune", "validate", broken, "--for", "openai", "--model", "gpt-4o-mini", "--json"], withDatabase: false)
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let issues = try #require(report["issues"] as? [[String: Any]])
        #expect(issues.contains { $0["code"] as? String == "invalid_weight" && $0["line"] as? Int == 8 })
        #expect(report["ok"] as? Bool == false)

        let usage = try cli.run(
            ["tune", "validate", Self.sample, "--for", "bedrock", "--model", "x"], withDatabase: false)
        #expect(usage.status != 0 && usage.stderr.contains("openai or vertex"))
    }

    @Test func splitIsSeededAndTheHalvesDoNotOverlap() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let train = cli.folder.appendingPathComponent("train.jsonl").path
        let validation = cli.folder.appendingPathComponent("validation.jsonl").path
        let arguments = [
            "tune", "split", Self.sample, "--validation-fraction", "0.1", "--seed", "42", "--train", train,
            "--validation", validation,
        ]
        let split = try cli.run(arguments, withDatabase: false)
        #expect(split.status == 0, "\(split.stderr)")
        #expect(split.stdout.contains("61 examples to") && split.stdout.contains("7 to"))
        let first = try String(contentsOfFile: validation, encoding: .utf8)
        _ = try cli.run(arguments, withDatabase: false)
        #expect(try String(contentsOfFile: validation, encoding: .utf8) == first, "the same seed, the same split")

        let checked = try cli.run(
            [
                "tune", "validate", train, "--validation", validation, "--for", "openai", "--model", "gpt-4o-mini",
                "--json",
            ],
            withDatabase: false)
        #expect(!checked.stdout.contains("train_validation_overlap"))
        #expect(checked.status == 0, "\(checked.stdout)")
        let bad = try cli.run(
            [
                "tune", "split", Self.sample, "--validation-fraction", "1.5", "--train", train, "--validation",
                validation,
            ],
            withDatabase: false)
        #expect(bad.status != 0 && bad.stderr.contains("between 0 and 1"))
    }

    @Test func feedbackSelectsWhatIsExportedAndImportRoundTrips() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let transcript = """
            {"session":"s1","role":"user","content":"How many vacation days do I get?","created_at":"2026-02-01T08:00:00Z"}
            {"session":"s1","role":"assistant","content":"27 working days.","created_at":"2026-02-01T08:00:05Z"}
            {"session":"s2","role":"user","content":"Mail me at ada@example.com","created_at":"2026-03-01T08:00:00Z"}
            {"session":"s2","role":"assistant","content":"I can't send mail.","created_at":"2026-03-01T08:00:05Z"}

            """
        let file = try cli.write("chat.jsonl", transcript)
        #expect(try cli.run(["history", "import", file, "--user", "ada"]).status == 0)
        let up = try cli.run(["feedback", "2", "up", "--note", "exact", "--user", "ada"])
        #expect(up.status == 0 && up.stdout.contains("Rated message 2 up: exact"))
        #expect(try cli.run(["feedback", "last", "down", "--user", "ada"]).stdout.contains("Rated message 4 down"))
        let userMessage = try cli.run(["feedback", "1", "up", "--user", "ada"])
        #expect(userMessage.status != 0 && userMessage.stderr.contains("only assistant replies"))
        #expect(try cli.run(["feedback", "2", "up", "--user", "bob"]).status != 0, "bob cannot rate ada's reply")

        let all = try cli.run(["tune", "export", "--format", "csv", "--out", "-", "--scrub"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(
            all.stdout == "input,output\nHow many vacation days do I get?,27 working days.\n", "rated down: left out")
        #expect(all.stderr.contains("1 rated down"))
        let dated = try cli.run(["tune", "export", "--format", "openai", "--out", "-", "--since", "2026-02-02"])
        #expect(dated.stdout.isEmpty && dated.stderr.contains("Nothing matched"))

        let exported = cli.folder.appendingPathComponent("positive.jsonl").path
        let positive = try cli.run(["tune", "export", "--format", "openai", "--positive-only", "--out", exported])
        #expect(positive.status == 0)
        let personas = cli.folder.appendingPathComponent("personas.json").path
        let imported = try cli.run(
            ["tune", "import", exported, "--format", "openai", "--persona", "assistant", "--personas-out", personas])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported 1 examples for persona 'assistant'"))
        #expect(try String(contentsOfFile: personas, encoding: .utf8).contains("\"id\" : \"assistant\""))
        // As TOML, the personas paste into mneme.toml and pass its check.
        let toml = cli.folder.appendingPathComponent("personas.toml").path
        let asTOML = try cli.run(["tune", "import", exported, "--persona", "support", "--personas-out", toml])
        #expect(asTOML.status == 0, "\(asTOML.stderr)")
        let checked = try cli.run(["config", "check", toml], withDatabase: false)
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(checked.stdout.contains("2 personas"), "the built-in one and 'support'")
        let again = try cli.run([
            "tune", "export", "--from", "examples", "--persona", "assistant", "--format", "openai", "--out", "-",
        ])
        #expect(
            again.stdout == (try String(contentsOfFile: exported, encoding: .utf8)),
            "export → import → export is stable")

        let broken = try cli.write("broken.csv", "input,output\nonly one field\n")
        let failed = try cli.run(["tune", "import", broken])
        #expect(failed.status == 1 && failed.stderr.contains("line 2: expected 2 fields"))
    }

    @Test func convertingToVertexAndBackGivesTheSameFile() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let vertex = cli.folder.appendingPathComponent("lumen-vertex.jsonl").path
        let back = cli.folder.appendingPathComponent("back.jsonl").path
        let there = try cli.run(
            ["tune", "convert", Self.sample, "--from", "openai", "--to", "vertex", "--out", vertex], withDatabase: false
        )
        #expect(there.status == 0 && there.stderr.contains("Converted 68 examples"))
        let checked = try cli.run(
            ["tune", "validate", vertex, "--for", "vertex", "--model", "gemini-2.5-flash"], withDatabase: false)
        #expect(checked.status == 0 && checked.stdout.contains("0 errors"))
        // Without --from, the format is read off the first line.
        _ = try cli.run(["tune", "convert", vertex, "--to", "openai", "--out", back], withDatabase: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == Data(contentsOf: URL(fileURLWithPath: Self.sample)))
    }

    @Test func chatRatesTheLastReply() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let chat = try cli.run(
            ["chat", "--user", "ada"], stdin: "/good\nHow many vacation days do I get?\n/good short and right\n")
        #expect(chat.status == 0, "\(chat.stderr)")
        #expect(chat.stdout.contains("No reply to rate yet."))
        #expect(chat.stdout.contains("good."))
        let exported = try cli.run(["tune", "export", "--format", "instruction", "--positive-only", "--out", "-"])
        #expect(exported.stdout.contains(#""input_text":"How many vacation days do I get?""#))
        #expect(exported.stdout.split(separator: "\n").count == 1)
    }
}
