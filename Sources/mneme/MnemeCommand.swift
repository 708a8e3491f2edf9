import ArgumentParser

/// The `mneme` command line.
@main
struct MnemeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mneme",
        abstract: "Context, memory and retrieval for LLM chat backends.",
        discussion: """
            Mneme keeps user profiles, conversation history and company documents in one SQLite file \
            and assembles token-budgeted prompts from them.

            Every command takes --db PATH (default: $MNEME_DB, else ./mneme.sqlite), --tenant NAME \
            (default: $MNEME_TENANT, else "default") and --user ID (default: $MNEME_USER, else "local").
            """,
        version: MnemeVersion.string,
        subcommands: [
            ChatCommand.self, AskCommand.self, ContextCommand.self, ExplainCommand.self, ProfileCommand.self,
            HistoryCommand.self, ExamplesCommand.self, IndexCommand.self,
            SearchCommand.self, DocsCommand.self,
            TokensCommand.self, ServeCommand.self, KeysCommand.self, BenchCommand.self, ConfigCommand.self,
            UsageCommand.self,
            FeedbackCommand.self,
            TuneCommand.self, EvalCommand.self,
        ]
    )
}

enum MnemeVersion {
    static let string = "0.1.0"
}
