import ArgumentParser
import Foundation
import MnemeStore

/// `mneme examples add|list|remove`: the tenant's few-shot examples.
struct ExamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "examples",
        abstract: "Add, list and remove few-shot examples (per persona; pinned ones are always offered).",
        subcommands: [List.self, Add.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an example: a user message and the answer the assistant should give.",
            discussion: """
                Unpinned examples are offered when their input shares words with the user's message (FTS5); \
                pinned ones on every turn of the persona. Without --persona the example serves every persona.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The user's message of the example.") var input: String
        @Argument(help: "The answer the assistant should give.") var output: String
        @Option(help: "The persona it belongs to (default: every persona).") var persona = ""
        @Flag(help: "Offer it on every turn, whatever the message.") var pinned = false

        func validate() throws {
            if input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                || output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                throw ValidationError("An example needs a non-empty input and output.")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            let id = try await store.addExample(
                tenant: global.tenantName, persona: persona, input: input, output: output, pinned: pinned)
            Output.line("Added example \(id)\(pinned ? " (pinned)" : "") for \(describe(persona)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenant's examples.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Only this persona's examples (\"\" for the shared ones).") var persona: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try global.openStore()
            let examples = try await store.examples(tenant: global.tenantName, persona: persona)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Output.line(String(decoding: try encoder.encode(examples), as: UTF8.self))
                return
            }
            if examples.isEmpty {
                Output.line(
                    "No examples in tenant \(global.tenantName)\(persona.map { " for \(describe($0))" } ?? "").")
                return
            }
            let rows = examples.map { example in
                [
                    String(example.id), example.persona.isEmpty ? "(all)" : example.persona,
                    example.pinned ? "yes" : "", Self.clip(example.input), Self.clip(example.output),
                ]
            }
            Output.line(Output.table(["ID", "PERSONA", "PINNED", "INPUT", "OUTPUT"], rows))
        }

        static func clip(_ text: String) -> String {
            let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return line.count > 60 ? String(line.prefix(59)) + "…" : line
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove examples by id.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Example ids (see `mneme examples list`).") var ids: [Int64]

        func validate() throws {
            if ids.isEmpty { throw ValidationError("Name the ids of the examples to remove.") }
        }

        func run() async throws {
            let store = try global.openStore()
            let removed = try await store.removeExamples(ids, tenant: global.tenantName)
            Output.line("Removed \(removed) example\(removed == 1 ? "" : "s").")
            if removed < Set(ids).count {
                Output.error(
                    "error: \(Set(ids).count - removed) of the ids are not examples of tenant \(global.tenantName).")
                throw ExitCode.failure
            }
        }
    }
}

private func describe(_ persona: String) -> String { persona.isEmpty ? "every persona" : "persona \(persona)" }
