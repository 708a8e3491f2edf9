import ArgumentParser
import Foundation
import MnemeTuning

/// `mneme tune split`: a seeded train/validation split without leakage.
struct TuneSplit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a training file into training and validation files (seeded, no leakage).",
        discussion: """
            Examples that start with the same user message (cut from one conversation), identical examples and \
            near-duplicates stay on one side. The same seed and file always give the same split.
            """
    )

    @Argument(help: "The file to split.")
    var file: String

    @Option(help: "csv, or a JSONL format: openai, vertex, instruction (default: guessed from the first line).")
    var format: String?

    @Option(help: "The share of examples for validation, between 0 and 1.")
    var validationFraction = 0.1

    @Option(help: "The random seed.")
    var seed: UInt64 = 42

    @Option(help: "Where to write the training examples.")
    var train: String

    @Option(help: "Where to write the validation examples.")
    var validation: String

    func run() async throws {
        let splitter: DatasetSplitter
        do {
            splitter = try DatasetSplitter(validationFraction: validationFraction, seed: seed)
        } catch let error as DatasetError {
            throw ValidationError(error.message)
        }
        let text = try TuneFiles.read(file)
        let format = format == nil ? (DatasetFormat.detect(text) ?? .openAI) : try TuneFiles.format(format, text: text)
        let result = splitter.split(text, format: format)
        try TuneFiles.write(result.train, to: train)
        try TuneFiles.write(result.validation, to: validation)
        Output.line(
            "\(result.trainCount) examples to \(train), \(result.validationCount) to \(validation) "
                + "(\(result.groups) groups kept whole, the largest of \(result.largestGroup); seed \(seed)).")
    }
}
