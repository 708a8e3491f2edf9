import Foundation
import MnemeTokenizer
import MnemeTuning
import Testing

@Suite struct ValidatorTests {
    @Test func tokenCountsFollowTheCookbookAndAreExactForOpenAI() throws {
        let text = try ValidatorFixtureTests.fixture("openai/valid.jsonl")
        let report = DatasetValidator(target: FineTuningTarget(platform: .openAI, model: "gpt-4o-mini"))
            .validate(training: text, named: "valid.jsonl")
        // The cookbook: 3 per message + the tokens of each value, + 3 per conversation (o200k_base here).
        let tokenizer = try Tokenizer.shared(.o200kBase)
        let decoded = DatasetCodec.decode(text, as: .openAI).records.map(\.example)
        let expected = decoded.map { example -> Int in
            let messages = [("system", example.system ?? "")] + example.messages.map { ($0.role.rawValue, $0.content) }
            return 3 + messages.reduce(0) { $0 + 3 + tokenizer.count($1.0) + tokenizer.count($1.1) }
        }
        #expect(report.statistics.exact)
        #expect(report.statistics.tokens == expected.reduce(0, +))
        #expect(report.statistics.totalTokens?.max == expected.max())
        #expect(report.statistics.totalTokens?.min == expected.min())
        #expect(report.statistics.messages?.median == 3)
        let assistant = decoded.map { tokenizer.count($0.messages[1].content) }
        #expect(report.statistics.assistantTokens?.mean == Double(assistant.reduce(0, +)) / Double(assistant.count))
        // 12 examples: 12 × 3 < 100, so min(25, 100 / 12) = 8 epochs.
        #expect(report.billing.epochs == 8 && report.billing.epochsSource == "openai-default")
        #expect(report.billing.billedTokens == 8 * expected.reduce(0, +))
    }

    @Test func theEpochRuleMatchesOpenAIsDefaults() {
        func epochs(_ count: Int) -> Int {
            BillingEstimate(tokens: Array(repeating: 100, count: count), limit: 50, epochs: nil, platform: .openAI)
                .epochs
        }
        #expect(epochs(10) == 10)
        #expect(epochs(20) == 5)
        #expect(epochs(3) == 25)
        #expect(epochs(50) == 3)
        #expect(epochs(10_000) == 2)
        #expect(epochs(30_000) == 1)
        let capped = BillingEstimate(tokens: [100, 20], limit: 50, epochs: 2, platform: .vertex)
        #expect(capped.tokensPerEpoch == 70 && capped.billedTokens == 140 && capped.epochsSource == "given")
    }

    @Test func percentilesInterpolateLikeNumPy() throws {
        let distribution = try #require(Distribution([1, 2, 3, 4, 10]))
        #expect(distribution.median == 3)
        #expect(abs(distribution.p10 - 1.4) < 1e-9)
        #expect(abs(distribution.p90 - 7.6) < 1e-9)
        #expect(distribution.mean == 4)
        #expect(Distribution([]) == nil)
    }

    @Test func theJSONReportHasEveryIssueWithFileLineAndCode() throws {
        let report = try ValidatorFixtureTests.validate("openai/missing_content.jsonl", .openAI)
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(json["ok"] as? Bool == false)
        #expect(json["errors"] as? Int == 1)
        let issues = try #require(json["issues"] as? [[String: Any]])
        let missing = try #require(issues.first { $0["code"] as? String == "missing_content" })
        #expect(missing["line"] as? Int == 9)
        #expect(missing["severity"] as? String == "error")
        #expect(issues.contains { $0["line"] is NSNull }, "file-level issues carry line null")
        struct Issues: Decodable { let issues: [ValidationIssue] }
        #expect(try JSONDecoder().decode(Issues.self, from: Data(report.json().utf8)).issues == report.issues)
    }

    @Test func fileNameModelAndSizeChecks() throws {
        let text = try ValidatorFixtureTests.fixture("openai/valid.jsonl")
        let unknown = DatasetValidator(target: FineTuningTarget(platform: .openAI, model: "my-own-model"))
            .validate(training: text, named: "train.txt")
        #expect(unknown.issues(.fileName).count == 1)
        #expect(unknown.issues(.unknownModel).count == 1)
        #expect(unknown.target.resolvedModel == "unknown" && !unknown.target.limitDocumented)
        let notTunable = DatasetValidator(target: FineTuningTarget(platform: .openAI, model: "o3"))
            .validate(training: text, named: "train.jsonl")
        #expect(notTunable.issues(.modelNotTunable).count == 1)
        let gemini = DatasetValidator(target: FineTuningTarget(platform: .vertex, model: "gemini-1.5-flash"))
        #expect(gemini.target.maxValidationExamples == 256)
        let manyValidation = ValidatorFixtureTests.vertexLines(300).joined(separator: "\n")
        let report = gemini.validate(
            training: try ValidatorFixtureTests.fixture("vertex/valid.jsonl"), named: "t.jsonl",
            validation: (manyValidation, "v.jsonl"))
        #expect(report.issues(.tooManyValidationExamples).map(\.file) == ["v.jsonl"])
    }

    @Test func theTextReportNamesFileLineAndCodeAndCapsLongLists() throws {
        var lines = (0..<30).map {
            #"{"messages":[{"role":"user","content":"Question \#($0)"},{"role":"assistant","content":""}]}"#
        }
        lines.append("")
        let report = DatasetValidator(target: FineTuningTarget(platform: .openAI, model: "gpt-4o-mini"))
            .validate(training: lines.joined(separator: "\n"), named: "t.jsonl")
        let text = report.text()
        #expect(text.contains("t.jsonl:1: error [missing_content] message 2 has empty content"))
        #expect(text.contains("… 10 more [missing_content] issues"))
        #expect(text.contains("FAILED"))
        #expect(report.issues(.missingContent).count == 30)
        #expect(report.issues(.blankLine).isEmpty, "a final newline is not a blank line")
    }
}
