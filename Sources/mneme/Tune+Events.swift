import ArgumentParser
import MnemeTuning

extension TuneCommand {
    /// `mneme tune events JOB`.
    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List all events of a job from the provider (OpenAI), oldest first.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The job: its local id or the provider's id.")
        var job: String

        @Flag(help: "Only metrics events (step, training and validation loss).")
        var metrics = false

        func run() async throws {
            let events = try await TuneSetup(global).jobs.events(job)
            let shown = metrics ? events.filter { $0.metrics != nil } : events
            if shown.isEmpty { Output.line("No events yet.") }
            for event in shown {
                Output.line(
                    "\(Output.time(event.createdAt))  \(event.level.padding(toLength: 5, withPad: " ", startingAt: 0))  \(event.message)"
                )
            }
        }
    }

    /// `mneme tune checkpoints JOB`.
    struct Checkpoints: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a job's checkpoints (OpenAI): models at earlier steps, with their losses.",
            discussion: "A checkpoint's model id can be registered as a route target by hand when an earlier step "
                + "generalises better (lower validation loss).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The job: its local id or the provider's id.")
        var job: String

        func run() async throws {
            let checkpoints = try await TuneSetup(global).jobs.checkpoints(job)
            if checkpoints.isEmpty {
                Output.line("No checkpoints yet.")
                return
            }
            func loss(_ value: Double?) -> String { value.map { LossChart.formatted($0) } ?? "-" }
            let rows = checkpoints.map { checkpoint in
                [
                    String(checkpoint.step), loss(checkpoint.metrics.trainLoss), loss(checkpoint.metrics.validLoss),
                    loss(checkpoint.fullValidLoss), checkpoint.model,
                ]
            }
            Output.line(Output.table(["STEP", "TRAIN LOSS", "VALID LOSS", "FULL VALID LOSS", "MODEL"], rows))
        }
    }

    /// `mneme tune cancel JOB`.
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a job that has not ended.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The job: its local id or the provider's id.")
        var job: String

        func run() async throws {
            let cancelled = try await TuneSetup(global).jobs.cancel(job)
            Output.line("Job \(cancelled.id) is \(cancelled.status) (\(cancelled.rawStatus)).")
        }
    }

    /// `mneme tune list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tenant's jobs as last polled (or the provider's own list with --remote).")

        @OptionGroup var global: GlobalOptions

        @Option(help: "List the jobs the provider has for the account or project instead: openai or vertex.")
        var remote: String?

        func run() async throws {
            let setup = try TuneSetup(global)
            if let remote {
                let jobs = try await setup.jobs.remoteJobs(try TuningProvider(parsing: remote))
                let rows = jobs.map { job in
                    [job.id, job.baseModel, job.rawStatus, job.fineTunedModel ?? "-", Output.time(job.createdAt)]
                }
                Output.line(Output.table(["ID", "BASE MODEL", "STATUS", "TUNED MODEL", "CREATED"], rows))
                return
            }
            let jobs = try await setup.jobs.jobs()
            if jobs.isEmpty {
                Output.line("No tuning jobs for tenant \(global.tenantName).")
                return
            }
            Output.line(Output.table(TuneSetup.header, jobs.map(TuneSetup.row)))
        }
    }
}
