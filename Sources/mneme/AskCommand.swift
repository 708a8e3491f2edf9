import ArgumentParser
import Foundation
import Mneme
import MnemeProviders
import MnemeStore

/// `mneme ask "message"`: one turn, non-interactive.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Send one message and stream the answer (the same turn as in the chat).",
        discussion: "The message comes from the argument, or from standard input when there is none."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Continue this session (its id); default: a new session.")
    var session: Int64?

    @Option(help: "A route name or provider:model, e.g. openai:gpt-4o-mini or offline:offline.")
    var model: String?

    @Option(help: "The persona.")
    var persona: String?

    @Flag(help: "Print one JSON object per event instead of the text.")
    var json = false

    @Argument(help: "The message.")
    var message: String?

    func run() async throws {
        let text = message ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let engine = try EngineSetup.engine(global, model: model)
        if let note = try await EngineSetup.indexSampleCorpusIfEmpty(
            engine, tenant: global.tenantName, progress: false),
            !json
        {
            Output.error(note)
        }
        let events = engine.respond(
            tenant: global.tenantName, user: global.userID, session: session, message: text,
            options: TurnOptions(model: model, persona: persona))
        do {
            for try await event in events {
                if json {
                    Output.line(EventJSON.line(event))
                    continue
                }
                switch event {
                case .delta(let piece): Output.write(piece)
                case .notice(let notice): Output.error(notice)
                case .finished: Output.line()
                default: break
                }
            }
        } catch {
            if json { Output.line(EventJSON.failure(error)) } else { Output.line() }
            throw error
        }
        await engine.waitForBackgroundWork()  // the model-based memory extractor, if configured
    }
}
