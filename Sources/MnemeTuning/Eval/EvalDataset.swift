import Foundation
public import MnemeProviders

/// One held-out example: the conversation up to the reference answer, and the reference.
public struct EvalExample: Sendable, Hashable {
    /// Position in the file (0-based), the key of its stored outputs.
    public var index: Int
    /// The line in the file (1-based), for messages.
    public var line: Int
    /// The system and developer messages, joined.
    public var system: String
    /// The user and assistant turns before the reference.
    public var turns: [ChatTurn]
    /// The last assistant message: what a good answer says.
    public var reference: String

    /// Creates an example.
    public init(index: Int, line: Int, system: String, turns: [ChatTurn], reference: String) {
        self.index = index
        self.line = line
        self.system = system
        self.turns = turns
        self.reference = reference
    }
}

/// A held-out file in OpenAI chat JSONL (as exported and split for fine-tuning): on each line the
/// last assistant message is the reference, the messages before it are the prompt (system and
/// developer messages become the system instruction; tool messages are skipped).
///
/// ```swift
/// let data = try EvalDataset.load(path: "val.jsonl")
/// data.examples[0].reference   // "You get 27 days."
/// ```
public struct EvalDataset: Sendable, Hashable {
    /// The file as given.
    public var path: String
    /// A hash of the file's bytes (FNV-1a 64 and the size): the same file resumes the same run.
    public var contentHash: String
    /// The examples, in file order.
    public var examples: [EvalExample]

    /// Creates a dataset from examples (for tests and callers with their own data).
    public init(path: String, contentHash: String, examples: [EvalExample]) {
        self.path = path
        self.contentHash = contentHash
        self.examples = examples
    }

    /// Reads and checks a file.
    ///
    /// - Throws: ``TuningError`` (`invalidInput`) naming the file and line of the first unusable
    ///   example (not JSON, no assistant message, no user message before it), or for an empty file.
    public static func load(path: String) throws(TuningError) -> EvalDataset {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TuningError(.invalidInput, "\(path): no such file, or it cannot be read.")
        }
        var examples: [EvalExample] = []
        for (number, line) in ChatJSONL.lines(String(decoding: data, as: UTF8.self)) {
            let messages: [ChatJSONL.Message]
            switch ChatJSONL.conversation(line) {
            case .failure(let problem):
                throw TuningError(.invalidInput, "\(path):\(number): the line \(problem.message).")
            case .success(let parsed): messages = parsed
            }
            guard let last = messages.lastIndex(where: { $0.role == "assistant" }) else {
                throw TuningError(
                    .invalidInput, "\(path):\(number): no assistant message to use as the reference answer.")
            }
            let prompt = messages[..<last]
            let turns = prompt.compactMap { message -> ChatTurn? in
                switch message.role {
                case "user": ChatTurn(role: .user, text: message.text)
                case "assistant": ChatTurn(role: .assistant, text: message.text)
                default: nil
                }
            }
            guard turns.contains(where: { $0.role == .user }) else {
                throw TuningError(.invalidInput, "\(path):\(number): no user message before the reference answer.")
            }
            let system = prompt.filter { $0.role == "system" || $0.role == "developer" }.map(\.text)
            examples.append(
                EvalExample(
                    index: examples.count, line: number, system: system.joined(separator: "\n\n"), turns: turns,
                    reference: messages[last].text))
        }
        guard !examples.isEmpty else { throw TuningError(.invalidInput, "\(path) has no examples.") }
        return EvalDataset(path: path, contentHash: Self.hash(Array(data)), examples: examples)
    }

    /// `fnv1a64:<16 hex digits>:<size>`.
    static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        let hex = String(value, radix: 16)
        return "fnv1a64:\(String(repeating: "0", count: 16 - hex.count) + hex):\(bytes.count)"
    }
}
