import ArgumentParser
import Foundation
import MnemeTuning

#if canImport(Glibc)
    import Glibc
#endif

extension TuneCommand {
    /// `mneme tune status [JOB] [--watch]`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll jobs and show their progress, cost and loss chart.",
            discussion: """
                With JOB (a local id or the provider's id): the job's details, the training and validation loss \
                by step as a chart (validation loss rising while training loss falls means overfitting) and the \
                latest events. Without: every job that has not ended is polled, and all are listed.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The job: its local id or the provider's id.")
        var job: String?

        @Flag(help: "Poll again every --interval seconds until the job ends.")
        var watch = false

        @Option(help: "Seconds between polls with --watch.")
        var interval = 30

        @Option(help: "Width of the loss chart in columns.")
        var chartWidth = 60

        @Flag(help: "Draw the chart with ASCII characters only.")
        var ascii = false

        func run() async throws {
            let setup = try TuneSetup(global)
            guard let reference = job else {
                let results = try await setup.jobs.refreshActive()
                if results.isEmpty {
                    Output.line("No tuning jobs for tenant \(global.tenantName). Start one with `mneme tune create`.")
                    return
                }
                Output.line(Output.table(TuneSetup.header, results.map { TuneSetup.row($0.job) }))
                for (job, failure) in results {
                    if let failure { Output.error("job \(job.id): could not poll: \(failure.message)") }
                }
                return
            }
            let terminal = isatty(STDOUT_FILENO) == 1
            while true {
                let job = try await setup.jobs.refresh(reference)
                if watch && terminal { Output.write("\u{1B}[H\u{1B}[2J") }
                Output.line(render(job, prices: setup))
                guard watch, !job.status.isTerminal else { break }
                if !terminal { Output.line(String(repeating: "-", count: 40)) }
                try await Task.sleep(for: .seconds(max(1, interval)))
            }
        }

        func render(_ job: TuningJob, prices setup: TuneSetup) -> String {
            var lines = ["job \(job.id) · \(job.provider) \(job.remoteID)"]
            var status = job.status.rawValue
            if let progress = job.progress {
                status +=
                    progress.total.map { total in
                        " (step \(progress.step) of \(total), \(Int(Double(progress.step) / Double(max(total, 1)) * 100))%)"
                    } ?? " (step \(progress.step))"
            }
            if job.status.rawValue != job.rawStatus { status += "  [\(job.rawStatus)]" }
            lines.append("status       \(status)")
            lines.append("base model   \(job.baseModel)")
            if let model = job.fineTunedModel { lines.append("tuned model  \(model)") }
            lines.append("training     \(job.trainingFile)" + (job.validationFile.map { " · validation \($0)" } ?? ""))
            let parameters = job.hyperparameters
            lines.append(
                "settings     epochs \(parameters.epochs.map(String.init) ?? job.details["epochs"] ?? "auto") · "
                    + "batch \(parameters.batchSize.map(String.init) ?? job.details["batch size"] ?? "auto") · "
                    + "learning rate × \(parameters.learningRateMultiplier.map { "\($0)" } ?? job.details["learning rate multiplier"] ?? "auto")"
            )
            if let cost = job.estimatedCost(prices: setup.jobs.prices) {
                lines.append(String(format: "cost         $%.2f (%@)", cost.usd, cost.basis))
            } else {
                lines.append("cost         unknown: add a training price for \(job.baseModel) to the price table")
            }
            lines.append("created      \(Output.time(job.createdAt))   finished \(Output.time(job.finishedAt))")
            if let error = job.error { lines.append("error        \(error)") }
            for key in job.details.keys.sorted()
            where !["epochs", "batch size", "learning rate multiplier"].contains(key) {
                lines.append("\(key.padding(toLength: 12, withPad: " ", startingAt: 0)) \(job.details[key]!)")
            }
            if job.provider == .openAI {
                lines.append("")
                lines.append(
                    LossChart(width: chartWidth, height: 12, style: ascii ? .ascii : .unicode).render(job.loss))
                if let note = LossChart.overfittingNote(job.loss) { lines.append(note) }
            } else if job.provider == .vertex {
                lines.append(
                    "Vertex reports the loss curves in the job's experiment (Google Cloud console), not through the API."
                )
            }
            let recent = job.events.suffix(5)
            if !recent.isEmpty {
                lines.append("")
                lines.append("latest events:")
                for event in recent { lines.append("  \(Output.time(event.createdAt))  \(event.message)") }
            }
            if job.status == .succeeded {
                lines.append("")
                lines.append("Register it as a route: mneme tune register \(job.id) [--route NAME]")
            }
            return lines.joined(separator: "\n")
        }
    }
}
