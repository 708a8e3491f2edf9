import Foundation

/// The training-file formats Mneme reads and writes.
///
/// | format | one line or record | system instruction | multi-turn | weights |
/// |---|---|---|---|---|
/// | ``openAI`` | `{"messages":[{"role","content","weight"?}]}` | yes | yes | yes |
/// | ``vertex`` | `{"systemInstruction":{…},"contents":[{"role":"user"/"model","parts":[{"text"}]}]}` | yes | yes | no |
/// | ``instruction`` | `{"input_text","output_text"}` | no | no | no |
/// | ``csv`` | `input,output` (header row, RFC 4180 quoting) | no | no | no |
///
/// Writing to a format without weights keeps only the trained turns; writing to a single-turn
/// format writes one record per trained reply (see ``TrainingExample/trainedPairs``).
public enum DatasetFormat: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// OpenAI chat fine-tuning JSONL.
    case openAI = "openai"
    /// Vertex AI Gemini supervised tuning JSONL.
    case vertex
    /// The instruction format `{"input_text","output_text"}` (PaLM-era Vertex).
    case instruction
    /// Comma-separated `input,output` with a header row.
    case csv

    public var description: String { rawValue }

    /// The usual file extension.
    public var fileExtension: String { self == .csv ? "csv" : "jsonl" }

    /// Whether the format holds a system instruction and whole conversations.
    public var isConversational: Bool { self == .openAI || self == .vertex }

    /// The format of a name as typed on the command line (`openai`, `vertex`, `gemini`, `instruction`, `csv`).
    public init?(name: String) {
        switch name.lowercased() {
        case "openai", "oai": self = .openAI
        case "vertex", "gemini": self = .vertex
        case "instruction", "instructions": self = .instruction
        case "csv": self = .csv
        default: return nil
        }
    }

    /// The format of a file's text, guessed from its first non-blank line: the CSV header
    /// `input,output`, or a JSON object with `messages`, `contents` or `input_text`; `nil` otherwise.
    public static func detect(_ text: String) -> DatasetFormat? {
        guard let first = JSONLines.split(text).first(where: { !$0.text.allSatisfy(\.isWhitespace) })?.text else {
            return nil
        }
        if first.trimmingCharacters(in: .whitespaces).lowercased() == CSVTable.header { return .csv }
        guard let value = try? JSONParser.parse(first) else { return nil }
        if value["messages"] != nil { return .openAI }
        if value["contents"] != nil { return .vertex }
        if value["input_text"] != nil { return .instruction }
        return nil
    }
}
