import ArgumentParser
import Foundation
import MnemeTuning

/// `mneme tune convert`: a training file from one format to another.
struct TuneConvert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a training file between the openai, vertex, instruction and csv formats.",
        discussion: """
            Writing a format without weights keeps only the trained turns; writing the instruction or CSV \
            format writes one record per trained reply, without the system prompt. Bad lines are reported by \
            number and skipped (exit code 1).
            """
    )

    @Argument(help: "The file to convert, or - for standard input.")
    var file: String

    @Option(help: "The input format (default: guessed from the first line).")
    var from: String?

    @Option(help: "The output format.")
    var to: String

    @Option(help: "The output file, or - for standard output.")
    var out: String

    func run() async throws {
        guard let output = DatasetFormat(name: to) else {
            throw ValidationError("Unknown format '\(to)': use openai, vertex, instruction or csv.")
        }
        let text = try TuneFiles.read(file)
        let input = try TuneFiles.format(from, text: text)
        let decoded = DatasetCodec.decode(text, as: input)
        for problem in decoded.problems { Output.error("line \(problem.line): \(problem.message)") }
        let converted = DatasetCodec.encode(decoded.records.map(\.example), as: output)
        try TuneFiles.write(converted, to: out)
        Output.error(
            "Converted \(decoded.records.count) examples from \(input) to \(output) "
                + "(\(decoded.problems.count) bad lines skipped).")
        if !decoded.problems.isEmpty { throw ExitCode(1) }
    }
}
