import Foundation
import Mneme
import MnemeHTTP
import MnemeProviders
import MnemeTuning

/// Opening the tuning jobs of the tenant for the `tune` and `eval` commands: the engine's store,
/// configuration (prices, routes) and environment.
struct TuneSetup {
    let engine: Engine
    let jobs: TuningJobs
    let http: HTTPClient

    init(_ global: GlobalOptions) throws {
        engine = try EngineSetup.engine(global, model: nil)
        http = try HTTPClient()
        jobs = TuningJobs(
            store: engine.store, tenant: global.tenantName,
            environment: ProviderEnvironment(engine.configuration.environment), http: http,
            prices: engine.configuration.prices)
    }

    /// A one-line summary of a job for lists.
    static func row(_ job: TuningJob) -> [String] {
        let progress = job.progress.map { progress in
            progress.total.map { "\(progress.step)/\($0)" } ?? "step \(progress.step)"
        }
        return [
            String(job.id), job.provider.rawValue, job.baseModel, job.status.rawValue, progress ?? "-",
            job.fineTunedModel ?? "-", Output.time(job.createdAt),
        ]
    }

    static let header = ["ID", "PROVIDER", "BASE MODEL", "STATUS", "STEPS", "TUNED MODEL", "CREATED"]
}
