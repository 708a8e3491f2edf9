import ArgumentParser
import Foundation
import Mneme
import MnemeContext
import MnemeStore
import MnemeTuning

/// `mneme tune export`: conversations (or few-shot examples) as a training file.
struct TuneExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the tenant's conversations as fine-tuning data.",
        discussion: """
            One example per conversation (session), up to its last selected reply. A reply is selected \
            unless it was rated down (mneme feedback, /bad), not rated up with --positive-only, or written \
            outside --since/--until. OpenAI files keep unselected replies as context with weight 0; the other \
            formats leave them out. The instruction and CSV formats get one record per selected reply and no \
            system prompt. The system prompt is the session's persona template (placeholders at their \
            defaults). All users of the tenant are exported unless --user (or MNEME_USER) names one.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "openai, vertex, instruction or csv.")
    var format: String

    @Option(help: "Only sessions of this persona (sessions without one count as the default persona).")
    var persona: String?

    @Option(help: "Only replies from this date (2026-02-01) or time (ISO 8601) on.")
    var since: String?

    @Option(help: "Only replies up to this date (inclusive) or before this time.")
    var until: String?

    @Flag(help: "Only replies the user rated up.")
    var positiveOnly = false

    @Flag(help: "Replace e-mail addresses, phone and card numbers and the user's profile values.")
    var scrub = false

    @Option(help: "conversations (the default) or examples (the few-shot examples of --persona, or all).")
    var from = "conversations"

    @Flag(help: "Leave out the system prompt.")
    var noSystem = false

    @Option(help: "The output file, or - for standard output.")
    var out: String

    func run() async throws {
        guard let format = DatasetFormat(name: format) else {
            throw ValidationError("Unknown format '\(format)': use openai, vertex, instruction or csv.")
        }
        let configuration = EngineConfiguration()
        let prompts = configuration.personas.mapValues { $0.render(lookup: { _ in nil }).text }
        let defaultPersona = configuration.defaultPersona
        let noSystem = self.noSystem
        let systemPrompt: @Sendable (String?) -> String? = { id in noSystem ? nil : prompts[id ?? defaultPersona] }
        let store = try global.openStore()
        var lines: [String] = []
        var summary: String
        switch from {
        case "conversations":
            let options = ExportOptions(
                positiveOnly: positiveOnly, since: try since.map { try TuneFiles.date($0) },
                until: try until.map { try TuneFiles.date($0, endOfDay: true) }, scrub: scrub)
            let filter = ConversationFilter(
                user: global.user ?? ProcessInfo.processInfo.environment["MNEME_USER"].nonEmpty, persona: persona,
                defaultPersona: defaultPersona, since: options.since, until: options.until)
            let report = try await TrainingExport.conversations(
                store: store, tenant: global.tenantName, filter: filter,
                exporter: ConversationExporter(options: options, systemPrompt: systemPrompt)
            ) { example in
                lines += DatasetCodec.lines(example, as: format)
            }
            summary = Self.describe(report, scrub: scrub)
        case "examples":
            if positiveOnly || since != nil || until != nil {
                throw ValidationError("--positive-only, --since and --until apply to conversations, not examples.")
            }
            var examples = try await TrainingExport.fewShotExamples(
                store: store, tenant: global.tenantName, persona: persona, systemPrompt: systemPrompt)
            var scrubbed = Scrubber.Report()
            if scrub {
                examples = examples.map { example in
                    let (clean, counts) = Scrubber().scrub(example)
                    scrubbed.add(counts)
                    return clean
                }
            }
            lines = examples.flatMap { DatasetCodec.lines($0, as: format) }
            summary = "\(examples.count) few-shot examples" + (scrub ? "; \(Self.describe(scrubbed))" : "")
        default:
            throw ValidationError("--from must be conversations or examples.")
        }
        let header = format == .csv ? DatasetCodec.encode([], as: .csv) : ""
        try TuneFiles.write(header + lines.map { $0 + "\n" }.joined(), to: out)
        Output.error("Exported \(lines.count) \(format == .csv ? "records" : "lines") to \(out): \(summary).")
        if lines.isEmpty { Output.error("Nothing matched: check --tenant, --persona, the dates and the ratings.") }
    }

    static func describe(_ report: ExportReport, scrub: Bool) -> String {
        "\(report.conversations) conversations, \(report.trainedReplies) replies trained on; left out: "
            + "\(report.ratedDown) rated down, \(report.unrated) not rated up, \(report.outsideDates) outside the dates, "
            + "\(report.incomplete) incomplete turns" + (scrub ? "; \(describe(report.scrubbed))" : "")
    }

    static func describe(_ scrubbed: Scrubber.Report) -> String {
        "scrubbed \(scrubbed.total) values (\(scrubbed.emails) e-mail addresses, \(scrubbed.phones) phone numbers, "
            + "\(scrubbed.cards) card numbers, \(scrubbed.profileValues) profile values)"
    }
}
