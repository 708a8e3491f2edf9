/// One message of a training example: a user's message or an assistant's reply.
public struct TrainingMessage: Hashable, Sendable {
    /// Who speaks. System instructions are held by ``TrainingExample/system``.
    public enum Role: String, Hashable, Sendable, CaseIterable {
        case user
        case assistant
    }

    /// Who speaks.
    public var role: Role
    /// The text.
    public var content: String
    /// For assistant replies: 1 to train on the reply, 0 to keep it only as context (OpenAI's
    /// `weight`); `nil` leaves the format's default (trained).
    public var weight: Int?

    /// Creates a message.
    public init(role: Role, content: String, weight: Int? = nil) {
        self.role = role
        self.content = content
        self.weight = weight
    }

    /// A user message.
    public static func user(_ content: String) -> TrainingMessage { TrainingMessage(role: .user, content: content) }

    /// An assistant reply.
    public static func assistant(_ content: String, weight: Int? = nil) -> TrainingMessage {
        TrainingMessage(role: .assistant, content: content, weight: weight)
    }

    /// Whether the model is trained on this message (assistant replies not weighted 0).
    public var isTrained: Bool { role == .assistant && weight != 0 }
}

/// One training example: an optional system instruction and a whole conversation, in a form
/// every dataset format can be written from (see ``DatasetCodec``).
///
/// ```swift
/// let example = TrainingExample(
///     system: "You are Lumen, the assistant of Northwind Lumen.",
///     messages: [.user("How many vacation days do I get?"), .assistant("27 working days a year.")])
/// ```
public struct TrainingExample: Hashable, Sendable {
    /// The system instruction, if any.
    public var system: String?
    /// The conversation, oldest first.
    public var messages: [TrainingMessage]

    /// Creates an example.
    public init(system: String? = nil, messages: [TrainingMessage]) {
        self.system = system
        self.messages = messages
    }

    /// The trained replies with the user text just before each (several user messages in a row
    /// are joined with a blank line): the single-turn pairs of the instruction and CSV formats.
    public var trainedPairs: [(input: String, output: String)] {
        var pairs: [(input: String, output: String)] = []
        var pending: [String] = []
        for message in messages {
            switch message.role {
            case .user: pending.append(message.content)
            case .assistant:
                if message.isTrained, !pending.isEmpty {
                    pairs.append((pending.joined(separator: "\n\n"), message.content))
                }
                pending = []
            }
        }
        return pairs
    }

    /// The conversation without the turns that are not trained on (a reply weighted 0 and the
    /// user messages before it), for formats that have no weights.
    public var trainedTurnsOnly: TrainingExample {
        var kept: [TrainingMessage] = []
        var pending: [TrainingMessage] = []
        for message in messages {
            switch message.role {
            case .user: pending.append(message)
            case .assistant:
                if message.isTrained {
                    kept += pending
                    kept.append(TrainingMessage(role: .assistant, content: message.content))
                }
                pending = []
            }
        }
        return TrainingExample(system: system, messages: kept)
    }
}

/// An example read from a file, with the line it starts on.
public struct DatasetRecord: Hashable, Sendable {
    /// The 1-based line of the file the example starts on.
    public let line: Int
    /// The example.
    public let example: TrainingExample

    /// Creates a record.
    public init(line: Int, example: TrainingExample) {
        self.line = line
        self.example = example
    }
}

/// A line of a file that could not be read as an example.
public struct DatasetProblem: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line.
    public let line: Int
    /// What is wrong with it.
    public let message: String

    /// Creates a problem.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
