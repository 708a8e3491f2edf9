public import MnemeTokenizer

/// Checks a training file (and optionally its validation file) for a fine-tuning target.
///
/// Every check of OpenAI's chat data-preparation cookbook, with the line of the offending
/// example, plus: blank and non-JSON lines, role alternation, empty replies, weights, tool calls,
/// lines of another format, exact and near duplicates, examples in both files, the minimum (10,
/// an error) and recommended (50 for OpenAI, 100 for Vertex AI, a warning) example counts, the
/// model's per-example token limit, file size and name, and an estimate of epochs and billed
/// tokens. Token counts are exact for OpenAI models (their own BPE) and estimated otherwise.
///
/// ```swift
/// let validator = DatasetValidator(target: FineTuningTarget(platform: .openAI, model: "gpt-4o-mini"))
/// let report = validator.validate(training: text, named: "train.jsonl")
/// for issue in report.issues { print(issue) }   // "train.jsonl:7: error [missing_content] message 3 has empty content"
/// ```
public struct DatasetValidator: Sendable {
    /// The platform and model.
    public var target: FineTuningTarget
    /// Epochs to estimate the cost with (`nil`: the platform's default).
    public var epochs: Int?
    /// The token counter (its catalog resolves the model).
    public var counter: TokenCounter

    /// Creates a validator.
    public init(target: FineTuningTarget, epochs: Int? = nil, counter: TokenCounter = TokenCounter()) {
        self.target = target
        self.epochs = epochs
        self.counter = counter
    }

    /// One file's examples and issues.
    struct FileResult {
        var lines = 0
        var examples: [InspectedExample] = []
        var issues: [ValidationIssue] = []
        var valid: [InspectedExample] { examples.filter { !$0.hasErrors } }
    }

    /// Checks the training text, and the validation text when given.
    public func validate(training: String, named name: String, validation: (text: String, name: String)? = nil)
        -> ValidationReport
    {
        var train = inspect(training, name: name)
        var issues = fileIssues(training, name: name)
        let (tokens, overLimit) = countTokens(&train, name: name)
        issues += train.issues
        let validCount = train.valid.count
        if validCount < target.minimumExamples {
            issues.append(
                ValidationIssue(
                    .error, .tooFewExamples, file: name, line: nil,
                    "\(validCount) valid examples; fine-tuning needs at least \(target.minimumExamples)"))
        } else if validCount < target.recommendedExamples {
            issues.append(
                ValidationIssue(
                    .warning, .fewExamples, file: name, line: nil,
                    "\(validCount) valid examples; \(target.platform == .openAI ? "OpenAI suggests starting with about 50 (gains usually show from 50–100)" : "Google recommends starting with about 100")"
                ))
        }
        var validationCount: Int?
        if let validation {
            var checked = inspect(validation.text, name: validation.name)
            _ = countTokens(&checked, name: validation.name)
            validationCount = checked.examples.count
            issues += fileIssues(validation.text, name: validation.name) + checked.issues
            issues += overlap(train: train, validation: checked, validationName: validation.name)
            if let maximum = target.maxValidationExamples, checked.lines > maximum {
                issues.append(
                    ValidationIssue(
                        .error, .tooManyValidationExamples, file: validation.name, line: nil,
                        "\(checked.lines) validation examples; \(target.model) accepts at most \(maximum)"))
            }
        }
        issues += modelIssues(name: name)
        let valid = train.valid
        let statistics = DatasetStatistics(
            messages: Distribution(valid.map(\.messages.count)),
            totalTokens: Distribution(valid.map { tokens[$0.line] ?? 0 }),
            assistantTokens: Distribution(valid.map { assistantTokens($0) }),
            tokens: valid.reduce(0) { $0 + (tokens[$1.line] ?? 0) },
            exact: target.countsAreExact)
        let billing = BillingEstimate(
            tokens: valid.map { tokens[$0.line] ?? 0 }, limit: target.exampleTokenLimit, epochs: epochs,
            platform: target.platform)
        return ValidationReport(
            target: ValidationReport.Target(
                platform: target.platform, model: target.model,
                resolvedModel: target.isKnownModel ? target.info.id : "unknown",
                exampleTokenLimit: target.exampleTokenLimit, limitDocumented: target.limitIsDocumented,
                tokenCounts: target.countsAreExact ? "exact" : "estimated"),
            file: name, validationFile: validation?.name, examples: train.lines, validExamples: validCount,
            validationExamples: validationCount, overTokenLimit: overLimit,
            issues: issues.sorted(by: Self.order(first: name)), statistics: statistics, billing: billing)
    }

    /// Parses and checks every line, then looks for duplicates within the file.
    func inspect(_ text: String, name: String) -> FileResult {
        var result = FileResult()
        for (number, line) in JSONLines.split(text) {
            result.lines += 1
            if line.allSatisfy(\.isWhitespace) {
                result.issues.append(
                    ValidationIssue(
                        .error, .blankLine, file: name, line: number, "blank line (JSONL has one example per line)"))
                continue
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                result.issues.append(
                    ValidationIssue(.error, .invalidJSON, file: name, line: number, "the line is \(error.message)"))
                continue
            }
            let (issues, example) =
                target.platform == .openAI
                ? OpenAILineChecker.check(value, line: number, file: name)
                : VertexLineChecker.check(value, line: number, file: name)
            result.issues += issues
            if let example { result.examples.append(example) }
        }
        result.issues += duplicates(result.examples, name: name)
        return result
    }

    private func fileIssues(_ text: String, name: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if text.utf8.count > target.maxFileBytes {
            issues.append(
                ValidationIssue(
                    .error, .fileTooLarge, file: name, line: nil,
                    "the file has \(text.utf8.count) bytes; the limit is \(target.maxFileBytes)"))
        }
        if target.platform == .openAI && !name.lowercased().hasSuffix(".jsonl") {
            issues.append(
                ValidationIssue(
                    .warning, .fileName, file: name, line: nil,
                    "OpenAI accepts training files whose name ends in .jsonl"))
        }
        return issues
    }

    private func modelIssues(name: String) -> [ValidationIssue] {
        if !target.isKnownModel {
            return [
                ValidationIssue(
                    .warning, .unknownModel, file: name, line: nil,
                    "\(target.model) is not in Mneme's model catalog; the token limit (\(target.exampleTokenLimit)) is a guess"
                )
            ]
        }
        if !target.isTunable {
            return [
                ValidationIssue(
                    .warning, .modelNotTunable, file: name, line: nil,
                    "the catalog does not list \(target.model) as tunable on \(target.platform == .openAI ? "OpenAI" : "Vertex AI")"
                )
            ]
        }
        return []
    }

    private func assistantTokens(_ example: InspectedExample) -> Int {
        example.assistantTexts.reduce(0) { $0 + ((try? counter.count($1, model: target.model).tokens) ?? 0) }
    }

    /// Counts each example's tokens; flags examples over the limit. Returns tokens by line.
    private func countTokens(_ result: inout FileResult, name: String) -> ([Int: Int], Int) {
        var tokens: [Int: Int] = [:]
        var over = 0
        for example in result.examples {
            let count = (try? counter.count(messages: example.chatMessages, model: target.model).tokens) ?? 0
            tokens[example.line] = count
            guard count > target.exampleTokenLimit else { continue }
            over += 1
            let vertex = target.platform == .vertex
            result.issues.append(
                ValidationIssue(
                    vertex ? .error : .warning, .overTokenLimit, file: name, line: example.line,
                    "\(count) tokens, over the \(target.exampleTokenLimit)-token limit of \(target.model)"
                        + (vertex ? "" : "; OpenAI truncates it")))
        }
        return (tokens, over)
    }

    static func order(first name: String) -> (ValidationIssue, ValidationIssue) -> Bool {
        { a, b in
            let fileA = a.file == name ? 0 : 1
            let fileB = b.file == name ? 0 : 1
            return (fileA, a.line ?? Int.max, a.severity == .error ? 0 : 1) < (
                fileB, b.line ?? Int.max, b.severity == .error ? 0 : 1
            )
        }
    }
}
