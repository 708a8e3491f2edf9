/// What a check found wrong with a training file.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How bad it is: an error makes the provider reject the file (or makes it useless); a
    /// warning is worth a look.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// How bad it is.
    public let severity: Severity
    /// The check that found it.
    public let code: ValidationCode
    /// The file it is in.
    public let file: String
    /// The 1-based line of the example, or `nil` for the whole file.
    public let line: Int?
    /// What is wrong and, where possible, what to do.
    public let message: String

    /// Creates an issue.
    public init(_ severity: Severity, _ code: ValidationCode, file: String, line: Int?, _ message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    private enum CodingKeys: String, CodingKey {
        case severity, code, file, line, message
    }

    /// Encodes every key, `line` as `null` for issues of the whole file.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(code, forKey: .code)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(message, forKey: .message)
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue) [\(code)] \(message)"
    }
}

/// The name of a check, as in OpenAI's data-preparation cookbook where it has one.
///
/// Codes are stable strings: `--json` output and scripts rely on them.
public struct ValidationCode: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code's text (for example `missing_content`).
    public let rawValue: String

    /// Creates a code from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates a code from a string literal.
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // Errors of one line (the cookbook's keys first).
    /// The line is not JSON.
    public static let invalidJSON: ValidationCode = "invalid_json"
    /// The line is blank.
    public static let blankLine: ValidationCode = "blank_line"
    /// The line is not a JSON object (cookbook).
    public static let dataType: ValidationCode = "data_type"
    /// No (or an empty) `messages` list (cookbook); for Vertex, `contents`.
    public static let missingMessagesList: ValidationCode = "missing_messages_list"
    /// A message has no `role` or no `content` (cookbook); for Vertex, no `role` or `parts`.
    public static let messageMissingKey: ValidationCode = "message_missing_key"
    /// A message has a key the format does not know (cookbook).
    public static let messageUnrecognizedKey: ValidationCode = "message_unrecognized_key"
    /// A role the format does not know (cookbook).
    public static let unrecognizedRole: ValidationCode = "unrecognized_role"
    /// Empty or non-text content (cookbook).
    public static let missingContent: ValidationCode = "missing_content"
    /// No assistant (model) message: nothing to learn (cookbook).
    public static let exampleMissingAssistantMessage: ValidationCode = "example_missing_assistant_message"
    /// An assistant reply with only whitespace.
    public static let emptyAssistantTurn: ValidationCode = "empty_assistant_turn"
    /// A `weight` other than 0 or 1, or on a message that is not the assistant's.
    public static let invalidWeight: ValidationCode = "invalid_weight"
    /// A tool call without a function name or with arguments that are not a JSON string.
    public static let invalidToolCall: ValidationCode = "invalid_tool_call"
    /// A top-level key the format does not know.
    public static let unrecognizedKey: ValidationCode = "unrecognized_key"
    /// The line is in another format (Vertex in an OpenAI file, DPO, legacy prompt/completion…).
    public static let wrongFormat: ValidationCode = "wrong_format"
    /// A Vertex part that is neither `text` nor `fileData`, or a malformed `systemInstruction`.
    public static let invalidPart: ValidationCode = "invalid_part"
    /// An example over the model's per-example token limit (OpenAI truncates: a warning; Vertex: an error).
    public static let overTokenLimit: ValidationCode = "over_token_limit"

    // Warnings of one line.
    /// No system message (cookbook warning).
    public static let missingSystemMessage: ValidationCode = "missing_system_message"
    /// No user message (cookbook warning).
    public static let missingUserMessage: ValidationCode = "missing_user_message"
    /// Roles that do not alternate: two user or two assistant messages in a row, a system message
    /// in the middle, a conversation that starts with the assistant or ends with the user.
    public static let roleAlternation: ValidationCode = "role_alternation"
    /// The deprecated `function` role.
    public static let deprecatedRole: ValidationCode = "deprecated_role"
    /// Every assistant reply has weight 0: the example trains nothing.
    public static let nothingToTrain: ValidationCode = "nothing_to_train"
    /// The same example as an earlier line.
    public static let duplicateExample: ValidationCode = "duplicate_example"
    /// Nearly the same example as an earlier line (word 3-gram Jaccard similarity ≥ 0.8).
    public static let nearDuplicate: ValidationCode = "near_duplicate"

    // Errors and warnings of the whole file.
    /// Fewer than 10 examples (error).
    public static let tooFewExamples: ValidationCode = "too_few_examples"
    /// Fewer examples than the provider recommends (warning).
    public static let fewExamples: ValidationCode = "few_examples"
    /// An example in both the training and the validation file (error).
    public static let trainValidationOverlap: ValidationCode = "train_validation_overlap"
    /// A validation example nearly the same as a training example (warning).
    public static let trainValidationNearOverlap: ValidationCode = "train_validation_near_overlap"
    /// More validation examples than the provider accepts.
    public static let tooManyValidationExamples: ValidationCode = "too_many_validation_examples"
    /// The file is larger than the provider accepts.
    public static let fileTooLarge: ValidationCode = "file_too_large"
    /// The file name does not end in `.jsonl` (OpenAI requires it).
    public static let fileName: ValidationCode = "file_name"
    /// The model is not in Mneme's catalog.
    public static let unknownModel: ValidationCode = "unknown_model"
    /// The catalog does not list the model as tunable on this platform.
    public static let modelNotTunable: ValidationCode = "model_not_tunable"
}
