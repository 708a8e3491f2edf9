import ArgumentParser

/// `mneme tune …`: fine-tuning data (export, import, validate, split) and jobs.
struct TuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Fine-tuning: export conversations as training data, validate, split, convert; run tuning jobs.",
        subcommands: [
            TuneExport.self,
            TuneImport.self,
            TuneValidate.self,
            TuneSplit.self,
            TuneConvert.self,
        ]
    )
}
