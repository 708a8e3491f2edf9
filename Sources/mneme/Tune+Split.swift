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

    @Option(help: "openai, vertex, instruction or csv (default: csv for .csv files, else openai).")
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
        let format = (try? TuneFiles.format(format, file: file)) ?? .openAI
        if let name = self.format, DatasetFormat(name: name) == nil {
            throw ValidationError("Unknown format '\(name)': use openai, vertex, instruction or csv.")
        }
        let splitter: DatasetSplitter
        do {
            splitter = try DatasetSplitter(validationFraction: validationFraction, seed: seed)
        } catch let error as DatasetError {
            throw ValidationError(error.message)
        }
        let result = splitter.split(try TuneFiles.read(file), format: format)
        try TuneFiles.write(result.train, to: train)
        try TuneFiles.write(result.validation, to: validation)
        Output.line(
            "\(result.trainCount) examples to \(train), \(result.validationCount) to \(validation) "
                + "(\(result.groups) groups kept whole, the largest of \(result.largestGroup); seed \(seed)).")
    }
}
