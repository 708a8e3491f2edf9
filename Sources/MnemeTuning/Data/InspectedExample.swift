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
    var identity: TextKey {
        var key = TextKey()
        for message in messages {
            key.add(message.role.rawValue)
            key.add(byte: 0x1F)
            key.addNormalized(message.text)
            key.add(byte: 0x1E)
        }
        return key
    }

    /// The word hashes of the conversation without system messages, for near-duplicates (a system
    /// prompt shared by every example would make them all look alike).
    var dialogue: [UInt64] {
        messages.filter { $0.role != .system }.flatMap { TextNormalization.wordHashes($0.text) }
    }

    /// The normalized first user message: examples that start alike stay on one side of a split.
    var opening: String {
        TextNormalization.normalize(
            messages.first { $0.role == .user }?.text ?? messages.map(\.text).joined(separator: " "))
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
        var output = String.UnicodeScalarView()
        forEachNormalizedScalar(text) { output.append($0) }
        return String(output)
    }

    /// The scalars of `text` lower-cased, with runs of whitespace as one space, trimmed.
    static func forEachNormalizedScalar(_ text: String, _ body: (Unicode.Scalar) -> Void) {
        var pendingSpace = false
        var started = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = true
                continue
            }
            if pendingSpace && started { body(" ") }
            pendingSpace = false
            started = true
            lowercase(scalar, body)
        }
    }

    /// FNV-1a hashes of the lower-cased words (runs of letters and digits) of a text.
    static func wordHashes(_ text: String) -> [UInt64] {
        var hashes: [UInt64] = []
        var hash = Hashing.fnvOffset
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordScalar =
                scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
                : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            if isWordScalar {
                lowercase(scalar) { lowered in
                    UTF8.encode(lowered) { byte in hash = (hash ^ UInt64(byte)) &* Hashing.fnvPrime }
                }
                inWord = true
            } else if inWord {
                hashes.append(hash)
                hash = Hashing.fnvOffset
                inWord = false
            }
        }
        if inWord { hashes.append(hash) }
        return hashes
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r")
            : scalar.properties.isWhitespace
    }

    private static func lowercase(_ scalar: Unicode.Scalar, _ body: (Unicode.Scalar) -> Void) {
        if scalar.isASCII {
            body(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
        } else {
            for lowered in scalar.properties.lowercaseMapping.unicodeScalars { body(lowered) }
        }
    }
}

/// A 128-bit digest of normalized text (two independent 64-bit hashes), so exact duplicates are
/// found without building strings.
struct TextKey: Hashable, Sendable {
    private var first = Hashing.fnvOffset
    private var second: UInt64 = 0x6a09_e667_f3bc_c908

    mutating func add(byte: UInt8) {
        first = (first ^ UInt64(byte)) &* Hashing.fnvPrime
        second = (second &+ UInt64(byte) &+ 1) &* 0x9e37_79b9_7f4a_7c15
        second ^= second >> 29
    }

    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
    }

    /// Adds `text` lower-cased, with runs of whitespace as one space, trimmed.
    mutating func addNormalized(_ text: String) {
        TextNormalization.forEachNormalizedScalar(text) { scalar in
            UTF8.encode(scalar) { add(byte: $0) }
        }
    }
}
