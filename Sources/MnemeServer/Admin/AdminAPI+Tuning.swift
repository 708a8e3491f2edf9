import Foundation
import Hummingbird
import Mneme
import MnemeStore
import MnemeTuning

/// Fine-tuning jobs of the key's tenant: list, show (optionally polling the provider), create from
/// files on the server's machine or `gs://` URIs, cancel, and register the tuned model as a route.
extension AdminAPI {
    struct TuningJobBody: Decodable {
        var provider: String
        var model: String
        var trainingFile: String
        var validationFile: String?
        var suffix: String?
        var epochs: Int?
        var learningRateMultiplier: Double?
        var batchSize: Int?
        var adapterSize: Int?
        var seed: Int?
    }

    struct RegisterBody: Decodable {
        var route: String?
        var persona: String?
        var userAttributes: [String: String]?
    }

    struct TuningJobView: Encodable {
        let id: Int64
        let provider: String
        let remoteId: String
        let baseModel: String
        let status: String
        let providerStatus: String
        let trainingFile: String
        let validationFile: String?
        let suffix: String?
        let fineTunedModel: String?
        let trainedTokens: Int?
        let estimatedTokens: Int?
        let step: Int?
        let totalSteps: Int?
        let error: String?
        let loss: [LossView]
        let createdAt: Date
        let updatedAt: Date
        let finishedAt: Date?

        struct LossView: Encodable {
            let step: Int
            let trainLoss: Double?
            let validLoss: Double?
        }

        init(_ job: TuningJob) {
            id = job.id
            provider = job.provider.rawValue
            remoteId = job.remoteID
            baseModel = job.baseModel
            status = "\(job.status)"
            providerStatus = job.rawStatus
            trainingFile = job.trainingFile
            validationFile = job.validationFile
            suffix = job.suffix
            fineTunedModel = job.fineTunedModel
            trainedTokens = job.trainedTokens
            estimatedTokens = job.estimatedTokens
            step = job.progress?.step
            totalSteps = job.progress?.total
            error = job.error
            loss = job.loss.map { LossView(step: $0.step, trainLoss: $0.trainLoss, validLoss: $0.validLoss) }
            createdAt = job.createdAt
            updatedAt = job.updatedAt
            finishedAt = job.finishedAt
        }
    }

    func addTuningRoutes(to group: RouterGroup<ServerRequestContext>) {
        group.get("tuning/jobs") { _, context in
            let jobs = engine.tuningJobs(tenant: try context.tenant())
            return try json(Listing(data: try await Self.tuning { try await jobs.jobs() }.map(TuningJobView.init)))
        }
        group.get("tuning/jobs/{job}") { request, context in
            let jobs = engine.tuningJobs(tenant: try context.tenant())
            let reference = try Self.jobReference(context)
            let refresh = request.uri.queryParameters.get("refresh") == "true"
            let job = try await Self.tuning {
                refresh ? try await jobs.refresh(reference) : try await jobs.job(reference)
            }
            return try json(TuningJobView(job))
        }
        group.post("tuning/jobs") { request, context in
            let body = try await body(TuningJobBody.self, request)
            let jobs = engine.tuningJobs(tenant: try context.tenant())
            let job = try await Self.tuning {
                let provider = try TuningProvider(parsing: body.provider)
                return try await jobs.create(
                    TuningJobRequest(
                        provider: provider, baseModel: body.model, trainingFile: body.trainingFile,
                        validationFile: body.validationFile, suffix: body.suffix,
                        hyperparameters: TuningHyperparameters(
                            epochs: body.epochs, learningRateMultiplier: body.learningRateMultiplier,
                            batchSize: body.batchSize, adapterSize: body.adapterSize),
                        seed: body.seed))
            }
            return try json(TuningJobView(job), status: .created)
        }
        group.post("tuning/jobs/{job}/cancel") { _, context in
            let jobs = engine.tuningJobs(tenant: try context.tenant())
            let reference = try Self.jobReference(context)
            return try json(TuningJobView(try await Self.tuning { try await jobs.cancel(reference) }))
        }
        group.post("tuning/jobs/{job}/register") { request, context in
            let body = try await body(RegisterBody.self, request)
            let jobs = engine.tuningJobs(tenant: try context.tenant())
            let reference = try Self.jobReference(context)
            let route = try await Self.tuning {
                try await jobs.register(
                    reference, route: body.route, persona: body.persona, userAttributes: body.userAttributes ?? [:])
            }
            return try json(route, status: .created)
        }
    }

    static func jobReference(_ context: ServerRequestContext) throws -> String {
        guard let reference = context.parameters.get("job"), !reference.isEmpty else {
            throw APIError.badRequest("A job id is needed.", code: "invalid_parameter")
        }
        return reference
    }

    /// Runs a tuning call, mapping ``TuningError`` to API errors (its messages never hold keys).
    static func tuning<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TuningError {
            switch error.code {
            case .notFound: throw APIError.notFound(error.message, code: "tuning_job_not_found")
            case .notReady: throw APIError(.conflict, type: "invalid_request_error", code: "not_ready", error.message)
            case .invalidInput, .unsupported, .configuration:
                throw APIError.badRequest(error.message, code: "invalid_tuning_request")
            default: throw APIError(.badGateway, type: "upstream_error", code: "tuning_provider_error", error.message)
            }
        }
    }
}
