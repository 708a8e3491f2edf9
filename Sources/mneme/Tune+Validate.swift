import ArgumentParser
import Foundation
import MnemeTuning

/// `mneme tune validate`: checks a training file for a provider and model.
struct TuneValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a training file for OpenAI or Vertex AI: errors and warnings by line, tokens, cost.",
        discussion: """
            Runs every check of OpenAI's data-preparation cookbook (with line numbers) and more: role \
            alternation, empty replies, weights, duplicates and near-duplicates, examples in both the training \
            and the validation file, example counts (at least 10), the model's per-example token limit (exact \
            counts for OpenAI models), epochs and billed tokens. The exit code is 1 when there are errors.
            """
    )

    @Argument(help: "The training file (JSONL).")
    var file: String

    @Option(name: .customLong("for"), help: "openai or vertex.")
    var platform: String

    @Option(help: "The base model, e.g. gpt-4o-mini-2024-07-18 or gemini-2.5-flash.")
    var model: String

    @Option(help: "A validation file to check too, and against the training file.")
    var validation: String?

    @Option(help: "Epochs for the cost estimate (default: the provider's rule).")
    var epochs: Int?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        guard let platform = FineTuningTarget.Platform(rawValue: platform.lowercased()) else {
            throw ValidationError("--for must be openai or vertex.")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1.") }
        let validator = DatasetValidator(target: FineTuningTarget(platform: platform, model: model), epochs: epochs)
        let report = validator.validate(
            training: try TuneFiles.read(file), named: file,
            validation: try validation.map { (try TuneFiles.read($0), $0) })
        Output.line(json ? report.json() : report.text())
        if !report.isValid { throw ExitCode(1) }
    }
}
