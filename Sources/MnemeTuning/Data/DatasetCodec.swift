/// Writes ``TrainingExample``s in every ``DatasetFormat`` and reads them back.
///
/// Writing is deterministic (keys in a fixed order, no spaces), so exporting the same examples
/// twice gives the same bytes, and reading a file Mneme wrote then writing it again gives the
/// same file.
///
/// ```swift
/// let text = DatasetCodec.encode(examples, as: .vertex)
/// let decoded = DatasetCodec.decode(text, as: .vertex)
/// decoded.records.map(\.example) == examples   // true for examples without weights
/// ```
public enum DatasetCodec {
    /// The file text: one line per example (JSONL) or a header and one record per pair (CSV),
    /// each ending with a newline.
    public static func encode(_ examples: [TrainingExample], as format: DatasetFormat) -> String {
        var output = format == .csv ? CSVTable.header + "\n" : ""
        for example in examples {
            for line in lines(example, as: format) { output += line + "\n" }
        }
        return output
    }

    /// The lines (or CSV records) one example becomes: none when it has no trained reply in a
    /// format without weights, several for a multi-turn example in a single-turn format.
    public static func lines(_ example: TrainingExample, as format: DatasetFormat) -> [String] {
        switch format {
        case .openAI:
            return example.messages.contains(where: \.isTrained) ? [openAILine(example).text] : []
        case .vertex:
            let trained = example.trainedTurnsOnly
            return trained.messages.isEmpty ? [] : [vertexLine(trained).text]
        case .instruction:
            return example.trainedPairs.map { pair in
                JSONValue.object([("input_text", .string(pair.input)), ("output_text", .string(pair.output))]).text
            }
        case .csv:
            return example.trainedPairs.map { CSVTable.record([$0.input, $0.output]) }
        }
    }

    /// The outcome of ``decode(_:as:)``.
    public struct Decoded: Sendable {
        /// The examples read, in file order.
        public var records: [DatasetRecord] = []
        /// The lines that could not be read.
        public var problems: [DatasetProblem] = []
    }

    /// Reads a file's text. Blank lines are skipped; lines that are not examples of the format
    /// are reported by number and skipped.
    public static func decode(_ text: String, as format: DatasetFormat) -> Decoded {
        var decoded = Decoded()
        if format == .csv {
            let table = CSVTable.parse(text)
            decoded.problems = table.problems
            for row in table.rows {
                guard row.fields.count == 2 else {
                    decoded.problems.append(
                        DatasetProblem(
                            line: row.line, message: "expected 2 fields (input,output), found \(row.fields.count)"))
                    continue
                }
                append(pair: (row.fields[0], row.fields[1]), line: row.line, to: &decoded)
            }
            return decoded
        }
        for (number, line) in JSONLines.split(text) where !line.allSatisfy(\.isWhitespace) {
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                decoded.problems.append(DatasetProblem(line: number, message: error.message))
                continue
            }
            do {
                switch format {
                case .openAI: decoded.records.append(DatasetRecord(line: number, example: try openAIExample(value)))
                case .vertex: decoded.records.append(DatasetRecord(line: number, example: try vertexExample(value)))
                case .instruction:
                    guard let input = value["input_text"]?.string, let output = value["output_text"]?.string else {
                        throw DatasetProblem(
                            line: 0, message: "expected an object with string input_text and output_text")
                    }
                    append(pair: (input, output), line: number, to: &decoded)
                case .csv: break
                }
            } catch {
                let message = (error as? DatasetProblem)?.message ?? "\(error)"
                decoded.problems.append(DatasetProblem(line: number, message: message))
            }
        }
        return decoded
    }

    private static func append(pair: (String, String), line: Int, to decoded: inout Decoded) {
        if pair.0.allSatisfy(\.isWhitespace) || pair.1.allSatisfy(\.isWhitespace) {
            decoded.problems.append(DatasetProblem(line: line, message: "the input and the output must not be empty"))
            return
        }
        decoded.records.append(
            DatasetRecord(line: line, example: TrainingExample(messages: [.user(pair.0), .assistant(pair.1)])))
    }
}

extension DatasetProblem: Error {}

/// Splitting a JSONL text into numbered lines.
enum JSONLines {
    /// The lines of `text` with 1-based numbers; `\n` and `\r\n` end a line, and a final
    /// newline does not start another line.
    static func split(_ text: String) -> [(number: Int, text: String)] {
        var lines: [(number: Int, text: String)] = []
        let pieces = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            let trimmed = piece.last == UInt8(ascii: "\r") ? piece.dropLast() : piece[...]
            lines.append((index + 1, String(decoding: trimmed, as: UTF8.self)))
        }
        if let last = lines.last, last.text.isEmpty { lines.removeLast() }
        return lines
    }
}
