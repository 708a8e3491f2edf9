import Foundation
import MnemeHTTPTesting
import MnemeProvidersTesting
import Testing

@Suite struct TuneJobsCommandTests {
    static func line(_ question: String, _ answer: String) -> String {
        #"{"messages":[{"role":"user","content":"\#(question)"},{"role":"assistant","content":"\#(answer)"}]}"#
    }

    @Test func createFollowRegisterAndEvaluateFromTheCommandLine() throws {
        let stub = try OpenAIFineTuningStub(totalSteps: 4, stepsPerPoll: 2) { request in
            let body = request.bodyText
            return .text(body.contains("\"model\":\"ft:") ? "Paris" : "I'm sorry, but I can't say.")
        }
        defer { stub.shutdown() }
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let environment = ["OPENAI_API_KEY": stub.apiKey, "OPENAI_BASE_URL": stub.baseURL]
        let train = try cli.write(
            "train.jsonl", (1...10).map { Self.line("Question \($0)?", "Answer \($0).") }.joined(separator: "\n"))
        let validation = try cli.write("val.jsonl", Self.line("Capital of France?", "Paris") + "\n")
        func mneme(_ arguments: [String]) throws -> CLIRunner.Result {
            try cli.run(arguments + ["--tenant", "acme"], environment: environment)
        }

        let created = try mneme([
            "tune", "create", "--provider", "openai", "--model", "gpt-4o-mini-2024-07-18", "--train", train,
            "--validation", validation, "--suffix", "support", "--epochs", "2",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Created job 1 on openai: ftjob-stub1"))

        var status = try mneme(["tune", "status", "1"])
        for _ in 0..<6 where !status.stdout.contains("status       succeeded") {
            status = try mneme(["tune", "status", "1"])
        }
        #expect(status.stdout.contains("status       succeeded"), "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("tuned model  ft:gpt-4o-mini-2024-07-18:stub-org:support:stub1"))
        #expect(status.stdout.contains("• train  ◆ validation"), "the loss chart with both series")
        #expect(status.stdout.contains("The job has successfully completed"))
        #expect(status.stdout.contains("mneme tune register 1"))

        let list = try mneme(["tune", "list"])
        #expect(list.stdout.contains("succeeded") && list.stdout.contains("4/4"))
        let checkpoints = try mneme(["tune", "checkpoints", "1"])
        #expect(checkpoints.stdout.contains(":ckpt-step-4"))

        let registered = try mneme(["tune", "register", "1"])
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("Route 'support' → openai:ft:gpt-4o-mini-2024-07-18:stub-org:support:stub1"))
        let routes = try mneme(["tune", "routes"])
        #expect(routes.stdout.contains("support") && routes.stdout.contains("every request"))

        let asked = try mneme(["ask", "Capital of France?"])
        #expect(asked.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "Paris", "\(asked.stderr)")

        let evaluated = try mneme(["eval", "--data", validation, "--models", "base,tuned", "--json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        let models = try #require(report["models"] as? [[String: Any]])
        #expect(models.map { $0["label"] as? String } == ["base", "tuned"])
        #expect(models[1]["exactMatch"] as? Double == 1)
        #expect(models[0]["refusalRate"] as? Double == 1)
        let table = try mneme(["eval", "--data", validation, "--models", "base,tuned"])
        #expect(table.stdout.contains("1 outputs reused") == false)
        #expect(table.stdout.contains("2 outputs reused from an earlier invocation"), "\(table.stdout)")
    }

    @Test func anthropicAndBadOptionsGiveClearErrors() throws {
        let cli = try CLIRunner()
        defer { cli.cleanUp() }
        let anthropic = try cli.run([
            "tune", "create", "--provider", "anthropic", "--model", "claude-haiku-4-5", "--train", "t.jsonl",
        ])
        #expect(anthropic.status == 1)
        #expect(anthropic.stderr.contains("no public fine-tuning API"))
        let unknown = try cli.run(["tune", "status", "42"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no tuning job '42'"))
        let missing = try cli.run(["eval", "--data", cli.folder.appendingPathComponent("none.jsonl").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file"))
    }
}
