import Foundation
import MnemeTokenizer
import MnemeTuning
import Testing

@Suite struct ValidatorFixtureTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func validate(_ name: String, _ platform: FineTuningTarget.Platform, model: String? = nil) throws
        -> ValidationReport
    {
        let model = model ?? (platform == .openAI ? "gpt-4o-mini-2024-07-18" : "gemini-2.5-flash")
        let validator = DatasetValidator(target: FineTuningTarget(platform: platform, model: model))
        return validator.validate(training: try fixture(name), named: name)
    }

    /// One broken file per class: the class, the severity and the line it must be reported at.
    static let cases:
        [(
            file: String, platform: FineTuningTarget.Platform, code: ValidationCode, severity: ValidationIssue.Severity,
            line: Int?
        )] = [
            ("openai/invalid_json.jsonl", .openAI, .invalidJSON, .error, 4),
            ("openai/blank_line.jsonl", .openAI, .blankLine, .error, 6),
            ("openai/data_type.jsonl", .openAI, .dataType, .error, 3),
            ("openai/missing_messages_list.jsonl", .openAI, .missingMessagesList, .error, 7),
            ("openai/message_missing_key.jsonl", .openAI, .messageMissingKey, .error, 5),
            ("openai/message_unrecognized_key.jsonl", .openAI, .messageUnrecognizedKey, .error, 2),
            ("openai/unrecognized_role.jsonl", .openAI, .unrecognizedRole, .error, 8),
            ("openai/missing_content.jsonl", .openAI, .missingContent, .error, 9),
            ("openai/example_missing_assistant_message.jsonl", .openAI, .exampleMissingAssistantMessage, .error, 3),
            ("openai/empty_assistant_turn.jsonl", .openAI, .emptyAssistantTurn, .error, 10),
            ("openai/invalid_weight.jsonl", .openAI, .invalidWeight, .error, 4),
            ("openai/weight_on_user.jsonl", .openAI, .invalidWeight, .error, 6),
            ("openai/invalid_tool_call.jsonl", .openAI, .invalidToolCall, .error, 5),
            ("openai/unrecognized_key.jsonl", .openAI, .unrecognizedKey, .error, 3),
            ("openai/wrong_format.jsonl", .openAI, .wrongFormat, .error, 2),
            ("openai/too_few_examples.jsonl", .openAI, .tooFewExamples, .error, nil),
            ("openai/missing_system_message.jsonl", .openAI, .missingSystemMessage, .warning, 3),
            ("openai/missing_user_message.jsonl", .openAI, .missingUserMessage, .warning, 4),
            ("openai/role_alternation.jsonl", .openAI, .roleAlternation, .warning, 6),
            ("openai/deprecated_role.jsonl", .openAI, .deprecatedRole, .warning, 7),
            ("openai/nothing_to_train.jsonl", .openAI, .nothingToTrain, .warning, 5),
            ("openai/duplicate_example.jsonl", .openAI, .duplicateExample, .warning, 9),
            ("openai/near_duplicate.jsonl", .openAI, .nearDuplicate, .warning, 7),
            ("openai/valid.jsonl", .openAI, .fewExamples, .warning, nil),
            ("vertex/unrecognized_role.jsonl", .vertex, .unrecognizedRole, .error, 3),
            ("vertex/invalid_part.jsonl", .vertex, .invalidPart, .error, 4),
            ("vertex/wrong_format.jsonl", .vertex, .wrongFormat, .error, 2),
            ("vertex/missing_messages_list.jsonl", .vertex, .missingMessagesList, .error, 6),
            ("vertex/empty_assistant_turn.jsonl", .vertex, .emptyAssistantTurn, .error, 8),
            ("vertex/example_missing_assistant_message.jsonl", .vertex, .exampleMissingAssistantMessage, .error, 9),
            ("vertex/valid.jsonl", .vertex, .fewExamples, .warning, nil),
        ]

    @Test(arguments: cases.indices)
    func eachBrokenFileIsReportedWithItsClassAndLine(index: Int) throws {
        let expected = Self.cases[index]
        let report = try Self.validate(expected.file, expected.platform)
        let found = report.issues(expected.code)
        #expect(found.count == 1, "\(expected.file): \(report.issues)")
        #expect(found.first?.line == expected.line, "\(expected.file)")
        #expect(found.first?.severity == expected.severity)
        #expect(found.first?.file == expected.file)
        // The broken line is the only one with an error.
        let errorLines = Set(report.issues.filter { $0.severity == .error }.map(\.line))
        #expect(errorLines.isSubset(of: [expected.line]), "\(expected.file): \(report.issues)")
        #expect(report.isValid == (expected.severity == .warning))
    }

    @Test(arguments: ["openai/valid.jsonl", "vertex/valid.jsonl"])
    func theValidFilesHaveNoLineIssues(file: String) throws {
        let report = try Self.validate(file, file.hasPrefix("openai") ? .openAI : .vertex)
        #expect(report.isValid)
        #expect(report.issues.allSatisfy { $0.line == nil }, "\(report.issues)")
        #expect(report.examples == 12 && report.validExamples == 12)
    }

    @Test func examplesInBothFilesAreAnErrorAtTheValidationLine() throws {
        let validator = DatasetValidator(target: FineTuningTarget(platform: .openAI, model: "gpt-4o-mini"))
        let report = validator.validate(
            training: try Self.fixture("openai/overlap_train.jsonl"), named: "train.jsonl",
            validation: (try Self.fixture("openai/overlap_validation.jsonl"), "validation.jsonl"))
        let overlap = report.issues(.trainValidationOverlap)
        #expect(overlap.map(\.file) == ["validation.jsonl"])
        #expect(overlap.map(\.line) == [2])
        #expect(overlap.first?.message.contains("line 4") == true)
        #expect(report.validationExamples == 3)
        #expect(!report.isValid)
    }

    @Test func aLongExampleIsAWarningForOpenAIAndAnErrorForVertex() throws {
        let report = try Self.validate("openai/over_token_limit.jsonl", .openAI, model: "gpt-3.5-turbo-0613")
        #expect(report.issues(.overTokenLimit).map(\.line) == [4])
        #expect(report.issues(.overTokenLimit).first?.severity == .warning, "OpenAI truncates, it does not reject")
        #expect(report.overTokenLimit == 1 && report.isValid)
        #expect(report.target.exampleTokenLimit == 4_096 && report.target.limitDocumented)

        let long = String(repeating: "lumen sensor ", count: 20_000)
        var lines = ValidatorFixtureTests.vertexLines(10)
        lines.insert(
            #"{"contents":[{"role":"user","parts":[{"text":"Say it"}]},{"role":"model","parts":[{"text":"\#(long)"}]}]}"#,
            at: 2)
        let vertex = DatasetValidator(target: FineTuningTarget(platform: .vertex, model: "gemini-1.5-flash-002"))
            .validate(training: lines.joined(separator: "\n"), named: "v.jsonl")
        #expect(vertex.issues(.overTokenLimit).map(\.line) == [3])
        #expect(vertex.issues(.overTokenLimit).first?.severity == .error)
        #expect(vertex.target.tokenCounts == "estimated")
    }

    static func vertexLines(_ count: Int) -> [String] {
        (0..<count).map { index in
            #"{"contents":[{"role":"user","parts":[{"text":"Question number \#(index) about the Beacon"}]},"#
                + #"{"role":"model","parts":[{"text":"Answer \#(index): a distinct reply about item \#(index * 7)"}]}]}"#
        }
    }
}
