import ArgumentParser
import Foundation
import MnemeConfig
import MnemeContext
import MnemeTuning

/// `mneme tune import`: a training file into the few-shot examples of a persona.
struct TuneImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a training file into a persona's few-shot examples.",
        discussion: """
            Each reply trained on becomes one example (the user text before it, the reply); replies weighted 0 \
            are skipped, and pairs the persona already has are not stored twice. Bad lines are reported by \
            number and skipped (exit code 1). The file's system prompts are listed; --personas-out writes them \
            as personas: a FILE.toml gets [personas.ID] sections to paste into mneme.toml, any other name \
            persona JSON ({"id", "template", "defaults"}).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The training file, or - for standard input.")
    var file: String

    @Option(help: "openai, vertex, instruction or csv (default: guessed from the first line).")
    var format: String?

    @Option(help: "The persona the examples are for (default: every persona).")
    var persona = ""

    @Option(help: "Write the file's system prompts as personas: TOML for mneme.toml (*.toml), else JSON.")
    var personasOut: String?

    func run() async throws {
        let text = try TuneFiles.read(file)
        let decoded = DatasetCodec.decode(text, as: try TuneFiles.format(format, text: text))
        let store = try global.openStore()
        let summary = try await ExampleImport.run(
            decoded.records, into: store, tenant: global.tenantName, persona: persona)
        for problem in decoded.problems { Output.error("line \(problem.line): \(problem.message)") }
        let target = persona.isEmpty ? "every persona" : "persona '\(persona)'"
        Output.line(
            "Imported \(summary.imported) examples for \(target) of tenant \(global.tenantName) "
                + "(\(summary.duplicates) already stored, \(summary.untrainedReplies) replies weighted 0 skipped, "
                + "\(decoded.problems.count) bad lines).")
        if !summary.systemPrompts.isEmpty {
            Output.line(
                "The file has \(summary.systemPrompts.count) system prompt(s); the first: \(Output.oneLine(summary.systemPrompts[0]))"
            )
        }
        if let personasOut {
            let id = persona.isEmpty ? "imported" : persona
            let personas = summary.systemPrompts.enumerated().map { index, prompt in
                Persona(id: index == 0 ? id : "\(id)-\(index + 1)", template: prompt)
            }
            if personasOut.hasSuffix(".toml") {
                let sections = personas.map {
                    "[personas.\(TOMLWriter.key($0.id))]\ntemplate = \(TOMLWriter.string($0.template))\n"
                }
                try TuneFiles.write(sections.joined(separator: "\n"), to: personasOut)
            } else {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try TuneFiles.write(
                    String(decoding: try encoder.encode(personas), as: UTF8.self) + "\n", to: personasOut)
            }
            Output.line("Wrote \(personas.count) personas to \(personasOut).")
        }
        if !decoded.problems.isEmpty { throw ExitCode(1) }
    }
}
