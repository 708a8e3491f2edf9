import ArgumentParser

/// `mneme tune …`: fine-tuning on a provider, from the data to a tuned model in the router.
struct TuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Fine-tune a model on OpenAI or Vertex AI and route to it.",
        discussion: """
            create uploads the data and starts a job; status follows it (progress, cost, the loss chart); \
            register makes the tuned model a route of the tenant, with its base model as fallback. \
            Compare the two with `mneme eval --models base,tuned`.
            """,
        subcommands: [
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
