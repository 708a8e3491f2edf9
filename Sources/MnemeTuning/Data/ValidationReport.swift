import Foundation

/// The outcome of ``DatasetValidator/validate(training:named:validation:)``: issues with their
/// lines, token statistics and the cost estimate.
public struct ValidationReport: Sendable, Encodable {
    /// The model and platform checked for, as reported.
    public struct Target: Hashable, Sendable, Codable {
        /// `openai` or `vertex`.
        public let platform: FineTuningTarget.Platform
        /// The base model as given.
        public let model: String
        /// The catalog entry the model resolved to (`unknown` when the catalog does not know it).
        public let resolvedModel: String
        /// Tokens one example may hold.
        public let exampleTokenLimit: Int
        /// Whether the provider documents the limit (false: assumed).
        public let limitDocumented: Bool
        /// `exact` (the model's tokenizer) or `estimated`.
        public let tokenCounts: String
    }

    /// The model and platform.
    public let target: Target
    /// The training file's name.
    public let file: String
    /// The validation file's name, if one was checked.
    public let validationFile: String?
    /// Examples (non-blank lines) in the training file.
    public let examples: Int
    /// Training examples without errors.
    public let validExamples: Int
    /// Examples in the validation file.
    public let validationExamples: Int?
    /// Training examples over the per-example token limit.
    public let overTokenLimit: Int
    /// Every issue, by file and line.
    public let issues: [ValidationIssue]
    /// Token statistics of the valid training examples.
    public let statistics: DatasetStatistics
    /// Epochs and billed tokens.
    public let billing: BillingEstimate

    /// Issues that make the file unusable.
    public var errorCount: Int { issues.filter { $0.severity == .error }.count }
    /// Issues worth a look.
    public var warningCount: Int { issues.filter { $0.severity == .warning }.count }
    /// True when there is no error.
    public var isValid: Bool { errorCount == 0 }

    /// The issues of one check.
    public func issues(_ code: ValidationCode) -> [ValidationIssue] { issues.filter { $0.code == code } }

    private enum CodingKeys: String, CodingKey {
        case target, file, validationFile, examples, validExamples, validationExamples, overTokenLimit, issues
        case statistics, billing, errors, warnings, ok
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(file, forKey: .file)
        try container.encode(validationFile, forKey: .validationFile)
        try container.encode(examples, forKey: .examples)
        try container.encode(validExamples, forKey: .validExamples)
        try container.encode(validationExamples, forKey: .validationExamples)
        try container.encode(overTokenLimit, forKey: .overTokenLimit)
        try container.encode(issues, forKey: .issues)
        try container.encode(statistics, forKey: .statistics)
        try container.encode(billing, forKey: .billing)
        try container.encode(errorCount, forKey: .errors)
        try container.encode(warningCount, forKey: .warnings)
        try container.encode(isValid, forKey: .ok)
    }

    init(
        target: Target, file: String, validationFile: String?, examples: Int, validExamples: Int,
        validationExamples: Int?, overTokenLimit: Int, issues: [ValidationIssue], statistics: DatasetStatistics,
        billing: BillingEstimate
    ) {
        self.target = target
        self.file = file
        self.validationFile = validationFile
        self.examples = examples
        self.validExamples = validExamples
        self.validationExamples = validationExamples
        self.overTokenLimit = overTokenLimit
        self.issues = issues
        self.statistics = statistics
        self.billing = billing
    }

    /// The report as pretty-printed JSON with sorted keys (`mneme tune validate --json`).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
