import ArgumentParser

/// `mneme tune …`: the fine-tuning loop, from conversations to a tuned model in the router.
struct TuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Fine-tuning: export, validate, split and convert training data; run jobs; route to the tuned model.",
        discussion: """
            export turns stored conversations (or few-shot examples) into OpenAI, Vertex, instruction or CSV \
            files; validate checks a file for a provider and model; split makes train and validation files \
            without leakage. create uploads the data and starts a job; status follows it (progress, cost, the \
            loss chart); register makes the tuned model a route of the tenant, with its base model as \
            fallback. Compare the two with `mneme eval --models base,tuned`.
            """,
        subcommands: [
            TuneExport.self,
            TuneImport.self,
            TuneValidate.self,
            TuneSplit.self,
            TuneConvert.self,
            Create.self,
            Status.self,
            Events.self,
            Checkpoints.self,
            Cancel.self,
            List.self,
            Register.self,
            Routes.self,
            Unregister.self,
        ]
    )
}
