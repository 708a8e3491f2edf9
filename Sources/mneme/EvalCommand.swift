import ArgumentParser
import Foundation
import MnemeProviders
import MnemeTuning

#if canImport(Glibc)
    import Glibc
#endif

/// `mneme eval --data val.jsonl --models base,tuned`.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run held-out examples through models and compare them side by side.",
        discussion: """
            The data is chat JSONL (as `mneme tune split` writes it): on each line the last assistant message is \
            the reference answer and the messages before it are the prompt. Models are route names, provider:model, \
            or base and tuned: the base and tuned model of --job (default: the tenant's latest succeeded job). \
            Every output is stored as it arrives: run the same command again to resume after an interruption \
            (failed calls are retried); --fresh starts over. Metrics: exact match, token F1, ROUGE-L (after \
            normalisation), words per answer, refusal rate, latency, tokens and cost; with --judge a model grades \
            each answer 1-5 against the reference with the rubric in docs/user-guide.md.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The held-out file (chat JSONL).")
    var data: String

    @Option(help: "Comma-separated models: base, tuned, route names or provider:model.")
    var models: String = "base,tuned"

    @Option(help: "The tuning job whose models base and tuned stand for (local id or provider id).")
    var job: String?

    @Option(help: "Calls in flight at most.")
    var concurrency = 4

    @Option(help: "Output limit per answer, in tokens.")
    var maxTokens = 512

    @Option(help: "Sampling temperature.")
    var temperature = 0.0

    @Option(help: "Grade every answer 1-5 with this model (route name or provider:model).")
    var judge: String?

    @Option(help: "A file with your own rubric for --judge.")
    var rubric: String?

    @Flag(help: "Start a new run instead of resuming the last one over the same file and models.")
    var fresh = false

    @Flag(help: "Print the report as JSON (with every output's scores).")
    var json = false

    @Option(help: "Also print the first N examples with each model's answer.")
    var examples = 0

    func run() async throws {
        let labels = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let dataset = try EvalDataset.load(path: data)
        let setup = try TuneSetup(global)
        let router = try await setup.engine.router(tenant: global.tenantName)
        let resolver = ModelResolver(
            router: router,
            factory: ProviderFactory(environment: setup.jobs.environment, http: setup.http),
            tenant: global.tenantName, aliases: try await aliases(setup, routes: Set(router.routes.map(\.name))))
        var runner = EvalRunner(
            store: setup.engine.store, tenant: global.tenantName, resolver: resolver, prices: setup.jobs.prices,
            concurrency: concurrency, maxOutputTokens: maxTokens, temperature: temperature)
        if let judge {
            var text = EvalJudge.defaultRubric
            if let rubric {
                guard let contents = FileManager.default.contents(atPath: rubric) else {
                    throw ValidationError("--rubric: cannot read \(rubric).")
                }
                text = String(decoding: contents, as: UTF8.self)
            }
            runner.judge = EvalJudge(model: try resolver.resolve(judge), rubric: text)
        }
        let terminal = isatty(STDERR_FILENO) == 1
        let report = try await runner.run(dataset, models: labels, fresh: fresh) { progress in
            guard terminal else { return }
            FileHandle.standardError.write(
                Data(
                    "\r\(progress.done)/\(progress.total) calls · \(progress.failed) failed · \(progress.reused) reused "
                        .utf8))
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        if json {
            Output.line(report.json())
            return
        }
        Output.line(report.table())
        for example in dataset.examples.prefix(max(0, examples)) {
            Output.line("")
            Output.line(
                "#\(example.index) \(Output.oneLine(example.turns.last { $0.role == .user }?.text ?? "", limit: 100))")
            Output.line("  reference: \(Output.oneLine(example.reference, limit: 100))")
            for score in report.scores where score.index == example.index {
                let text = score.succeeded ? score.output : "(failed: \(score.error ?? "?"))"
                Output.line("  \(score.model): \(Output.oneLine(text, limit: 100))")
            }
        }
    }

    /// `base` and `tuned` of the job (given, else the latest succeeded one), except names that are routes.
    func aliases(_ setup: TuneSetup, routes: Set<String>) async throws -> [String: ModelTarget] {
        let chosen: TuningJob?
        if let job {
            chosen = try await setup.jobs.job(job)
        } else {
            chosen = try await setup.jobs.jobs().first { $0.status == .succeeded }
        }
        guard let chosen else { return [:] }
        return chosen.evaluationAliases.filter { job != nil || !routes.contains($0.key) }
    }
}
