import ArgumentParser
import Foundation
import Mneme
import MnemeContext
import MnemeStore

/// `mneme context "message"`: assemble and print the prompt for a message, sending nothing.
struct ContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract:
            "Assemble the prompt for a message and print it with its trace (a dry run: nothing is sent or stored).",
        discussion: """
            --json prints the prompt and every candidate with its ids (message id and external id, chunk id and \
            document uri), so tools can check what was recalled.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Use this session's history (its id).")
    var session: Int64?

    @Option(help: "A route name or provider:model (fixes the context window and tokenizer).")
    var model: String?

    @Option(help: "Limit the prompt to this many tokens.")
    var budget: Int?

    @Option(help: "The persona.")
    var persona: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Argument(help: "The message.")
    var message: String

    func run() async throws {
        let engine = try EngineSetup.engine(global, model: model)
        let prepared = try await engine.prepare(
            tenant: global.tenantName, user: global.userID, session: session, message: message,
            options: TurnOptions(model: model, persona: persona, budget: budget))
        if json {
            struct Dump: Encodable {
                let model: String
                let route: String?
                let reason: String
                let promptTokens: Int
                let exact: Bool
                let tokenizer: String
                let prompt: Prompt
                let trace: ContextTrace
            }
            let dump = Dump(
                model: "\(prepared.decision.target.provider):\(prepared.decision.target.model)",
                route: prepared.decision.route, reason: prepared.decision.reason, promptTokens: prepared.promptTokens,
                exact: prepared.exactCount, tokenizer: prepared.tokenizer, prompt: prepared.context.prompt,
                trace: prepared.context.trace)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Output.line(String(decoding: try encoder.encode(dump), as: UTF8.self))
            return
        }
        let count = prepared.exactCount ? "exact, \(prepared.tokenizer)" : "estimated, \(prepared.tokenizer)"
        Output.line(
            "Model \(prepared.decision.target.provider):\(prepared.decision.target.model) — \(prepared.decision.reason)"
        )
        Output.line("Prompt: \(prepared.promptTokens) tokens (\(count))")
        Output.line("")
        Output.line("=== system ===")
        Output.line(prepared.context.prompt.system)
        for message in prepared.context.prompt.messages {
            Output.line("=== \(message.role.rawValue) ===")
            Output.line(message.text)
        }
        Output.line("")
        Output.line(TraceFormatter.sections(prepared.context.trace))
        Output.line(TraceFormatter.entries(prepared.context.trace))
    }
}

/// `mneme explain [TURN]`: what went into a stored turn's prompt, and why.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the sections of a turn's prompt, what was included and dropped, and the token arithmetic."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The turn id (default: the user's last turn).")
    var turn: Int64?

    @Flag(help: "Print the stored trace as JSON.")
    var json = false

    func run() async throws {
        let store = try global.openStore()
        guard let user = try await global.existingUser(store),
            let record = try await store.turn(turn, for: user.scope)
        else {
            throw ValidationError(
                turn.map { "User \(global.userID) has no turn \($0)." } ?? "User \(global.userID) has no turns yet.")
        }
        if json {
            Output.line(record.trace)
            return
        }
        let trace = try ContextTrace.decode(json: Data(record.trace.utf8))
        let reported = record.promptTokens.map { "\($0) by the provider" } ?? "not reported by the provider"
        Output.line(
            "Turn \(record.id) (session \(record.sessionID)) on \(record.model)\(record.route.map { ", route \($0)" } ?? ""): "
                + "\(record.status.rawValue), \(record.latencyMilliseconds ?? 0) ms; prompt \(record.estimatedPromptTokens ?? 0) "
                + "tokens by Mneme's count, \(reported)")
        if let error = record.error { Output.line("Error: \(error)") }
        Output.line(TraceFormatter.sections(trace))
        Output.line(TraceFormatter.entries(trace))
        if !trace.notes.isEmpty { Output.line("Notes:\n" + trace.notes.map { "- \($0)" }.joined(separator: "\n")) }
    }
}
