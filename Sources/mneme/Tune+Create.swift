import ArgumentParser
import MnemeTuning

extension TuneCommand {
    /// `mneme tune create`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload the training data and start a fine-tuning job.",
            discussion: """
                OpenAI: --train and --validation are local JSONL files (chat format), uploaded first. \
                Vertex AI: they are gs:// URIs of files in Vertex's format (local files: the command prints how \
                to upload them). Anthropic has no public fine-tuning API: the command explains what to do instead.
                Keys come from the environment (OPENAI_API_KEY; GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION and \
                GOOGLE_OAUTH_ACCESS_TOKEN or gcloud).
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "openai, vertex or anthropic.")
        var provider: String

        @Option(help: "The base model, e.g. gpt-4o-mini-2024-07-18 or gemini-2.5-flash.")
        var model: String

        @Option(help: "The training file (local JSONL for OpenAI, gs:// URI for Vertex).")
        var train: String

        @Option(help: "The validation file: the provider reports validation loss on it.")
        var validation: String?

        @Option(help: "OpenAI: text in the tuned model's name (≤ 64 characters); Vertex: its display name.")
        var suffix: String?

        @Option(help: "Passes over the data (default: the provider's auto).")
        var epochs: Int?

        @Option(help: "Scales the provider's learning rate (default: auto).")
        var learningRateMultiplier: Double?

        @Option(help: "Examples per batch, OpenAI only (default: auto).")
        var batchSize: Int?

        @Option(help: "LoRA adapter size, Vertex only: 1, 2, 4, 8, 16 or 32.")
        var adapterSize: Int?

        @Option(help: "OpenAI: a seed for a reproducible job.")
        var seed: Int?

        func run() async throws {
            let provider = try TuningProvider(parsing: provider)
            let setup = try TuneSetup(global)
            let job = try await setup.jobs.create(
                TuningJobRequest(
                    provider: provider, baseModel: model, trainingFile: train, validationFile: validation,
                    suffix: suffix,
                    hyperparameters: TuningHyperparameters(
                        epochs: epochs, learningRateMultiplier: learningRateMultiplier, batchSize: batchSize,
                        adapterSize: adapterSize),
                    seed: seed))
            Output.line("Created job \(job.id) on \(job.provider): \(job.remoteID) (\(job.rawStatus)).")
            if let estimated = job.estimatedTokens {
                let cost = job.estimatedCost(prices: setup.jobs.prices).map { String(format: ", about $%.2f", $0.usd) }
                Output.line("Estimated training tokens: \(estimated)\(cost ?? "").")
            }
            Output.line("Follow it with: mneme tune status \(job.id) --watch")
        }
    }
}
