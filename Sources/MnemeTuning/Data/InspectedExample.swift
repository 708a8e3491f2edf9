import MnemeTokenizer

/// One message of a line being checked, with its role mapped to system / user / assistant / tool.
struct InspectedMessage: Sendable {
    enum Role: String, Sendable {
        case system, user, assistant, tool
    }

    let role: Role
    /// The role as written (`developer`, `model`, `function`…), for messages and token counts.
    let writtenRole: String
    /// The text (content parts joined; tool calls as their JSON text).
    let text: String
    let name: String?
    let weight: Int?
    /// The message's 1-based position in the list as written (0 for Vertex's `systemInstruction`).
    let number: Int
}

/// What the checks learned about one example: everything the file-wide checks, statistics and
/// the splitter need.
struct InspectedExample: Sendable {
    let line: Int
    var hasErrors: Bool
    let messages: [InspectedMessage]

    /// The messages as the token counter takes them.
    var chatMessages: [ChatMessage] {
        messages.map { ChatMessage(role: $0.writtenRole, content: $0.text, name: $0.name) }
    }

    /// The text of the assistant replies.
    var assistantTexts: [String] { messages.filter { $0.role == .assistant }.map(\.text) }

    /// The key of exact duplicates: every role and normalized text, the system included.
    var identity: String {
        messages.map { "\($0.role.rawValue):\(TextNormalization.normalize($0.text))" }.joined(separator: "\u{1F}")
    }

    /// The conversation without system messages, normalized, for near-duplicates (a system prompt
    /// shared by every example would make them all look alike).
    var dialogue: String {
        messages.filter { $0.role != .system }.map { TextNormalization.words($0.text) }.joined(separator: " ")
    }

    /// The normalized first user message: examples that start alike stay on one side of a split.
    var opening: String {
        TextNormalization.normalize(messages.first { $0.role == .user }?.text ?? dialogue)
    }

    /// Warnings and errors shared by the OpenAI and Vertex formats: a missing user or assistant
    /// message, empty replies, roles that do not alternate.
    ///
    /// - Parameters:
    ///   - noun: what the format calls a message (`message`, `content`).
    ///   - complete: false when a message could not be read (no role, an unknown role): the checks
    ///     of the whole conversation are skipped, so one broken message is reported once.
    func commonIssues(file: String, checkSystem: Bool, noun: String = "message", complete: Bool = true)
        -> [ValidationIssue]
    {
        var issues: [ValidationIssue] = []
        func add(_ severity: ValidationIssue.Severity, _ code: ValidationCode, _ message: String) {
            issues.append(ValidationIssue(severity, code, file: file, line: line, message))
        }
        for message in messages
        where message.role == .assistant && !message.text.isEmpty && message.text.allSatisfy(\.isWhitespace) {
            add(.error, .emptyAssistantTurn, "\(noun) \(message.number) is an assistant reply with only whitespace")
        }
        guard complete else { return issues }
        if !messages.contains(where: { $0.role == .assistant }) {
            add(.error, .exampleMissingAssistantMessage, "the example has no assistant message: nothing to learn")
        }
        if checkSystem && !messages.contains(where: { $0.role == .system }) {
            add(.warning, .missingSystemMessage, "no system message")
        }
        if !messages.contains(where: { $0.role == .user }) { add(.warning, .missingUserMessage, "no user message") }
        if let problem = alternationProblem(noun: noun) { add(.warning, .roleAlternation, problem) }
        let replies = messages.filter { $0.role == .assistant }
        if !replies.isEmpty, replies.allSatisfy({ $0.weight == 0 }) {
            add(.warning, .nothingToTrain, "every assistant message has weight 0: the example trains nothing")
        }
        return issues
    }

    /// The first place where roles do not alternate, described.
    func alternationProblem(noun: String = "message") -> String? {
        var previous: InspectedMessage.Role?
        var started = false
        for message in messages {
            let number = message.number
            switch message.role {
            case .system:
                if started { return "\(noun) \(number) is a system message in the middle of the conversation" }
            case .user, .assistant:
                if !started && message.role == .assistant {
                    return "the conversation starts with an assistant message (\(noun) \(number))"
                }
                if previous == message.role {
                    return "\(noun)s \(number - 1) and \(number) are both \(message.role.rawValue) messages"
                }
                started = true
            case .tool:
                started = true
            }
            previous = message.role
        }
        if previous == .user { return "the example ends with a user message, which is not trained on" }
        return nil
    }
}

/// Text normalized for comparison. Works on Unicode scalars with an ASCII fast path: these run
/// over every example of a file.
enum TextNormalization {
    /// Lower-cased, runs of whitespace as one space, trimmed.
    static func normalize(_ text: String) -> String {
        join(text.lowercased()) { scalar in
            scalar.isASCII
                ? !(scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r")
                : !scalar.properties.isWhitespace
        }
    }

    /// The lower-cased words (letters and digits) of a text, separated by single spaces.
    static func words(_ text: String) -> String {
        join(text.lowercased()) { scalar in
            if scalar.isASCII {
                return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// The runs of scalars that `keep` accepts, joined by single spaces.
    private static func join(_ text: String, keep: (Unicode.Scalar) -> Bool) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if keep(scalar) {
                if pendingSpace && !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(output)
    }
}
