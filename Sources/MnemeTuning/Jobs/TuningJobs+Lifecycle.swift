import Foundation
import MnemeStore

extension TuningJobs {
    /// Uploads the files (OpenAI), creates the job and records it.
    ///
    /// - Throws: ``TuningError``: `unsupported` for Anthropic (with what to do instead) and for local
    ///   files on Vertex (with upload instructions); `invalidInput` for unreadable files or bad settings,
    ///   checked before anything is uploaded; provider errors.
    public func create(_ request: TuningJobRequest) async throws -> TuningJob {
        guard !request.baseModel.isEmpty else { throw TuningError(.invalidInput, "--model (the base model) is empty.") }
        try request.hyperparameters.validate(for: request.provider)
        let remote: RemoteTuningJob
        var estimate: TrainingEstimate?
        let remoteFiles: (training: String, validation: String?)
        switch request.provider {
        case .anthropic:
            throw TuningError(.unsupported, TuningProvider.anthropicAlternatives)
        case .openAI:
            let client = try openAI()
            estimate = try TrainingEstimate.estimate(
                fileAt: request.trainingFile, model: request.baseModel, epochs: request.hyperparameters.epochs)
            if let validation = request.validationFile {
                _ = try TrainingEstimate.estimate(fileAt: validation, model: request.baseModel, epochs: nil)
            }
            let training = try await client.upload(fileAt: request.trainingFile)
            var validationID: String?
            if let validation = request.validationFile {
                validationID = try await client.upload(fileAt: validation).id
            }
            remoteFiles = (training.id, validationID)
            remote = try await client.createJob(
                model: request.baseModel, trainingFile: training.id, validationFile: validationID,
                suffix: request.suffix, hyperparameters: request.hyperparameters, seed: request.seed)
        case .vertex:
            remoteFiles = (request.trainingFile, request.validationFile)
            remote = try await vertex().createJob(
                baseModel: request.baseModel, trainingURI: request.trainingFile, validationURI: request.validationFile,
                displayName: request.suffix, hyperparameters: request.hyperparameters)
        }
        let inserted = try await store.insertTuningJob(
            NewTuningJob(
                provider: request.provider.rawValue, remoteID: remote.id, baseModel: request.baseModel,
                status: remote.rawStatus, trainingFile: request.trainingFile, validationFile: request.validationFile,
                remoteTrainingFile: remoteFiles.training, remoteValidationFile: remoteFiles.validation,
                suffix: request.suffix, hyperparameters: StoredJSON.encode(request.hyperparameters),
                estimatedTokens: estimate?.billedTokens),
            tenantID: tenantID())
        return try await record(remote, for: TuningJob(record: inserted), newEvents: [])
    }

    /// Polls the provider for the job: status, model, trained tokens, new events and losses; records
    /// them and returns the job as stored.
    public func refresh(_ reference: String) async throws -> TuningJob {
        let job = try await job(reference)
        switch job.provider {
        case .openAI:
            let client = try openAI()
            let remote = try await client.job(job.remoteID)
            let known = Set(job.events.map(\.id))
            let fresh = try await client.newEvents(job.remoteID, known: known)
            return try await record(remote, for: job, newEvents: fresh.reversed())
        case .vertex:
            return try await record(vertex().job(job.remoteID), for: job, newEvents: [])
        case .anthropic:
            throw TuningError(.unsupported, TuningProvider.anthropicAlternatives)
        }
    }

    /// Refreshes every job that has not ended; a job whose poll fails keeps its stored state and the
    /// failure is returned next to it.
    public func refreshActive() async throws -> [(job: TuningJob, failure: TuningError?)] {
        var result: [(TuningJob, TuningError?)] = []
        for job in try await jobs() {
            guard !job.status.isTerminal else {
                result.append((job, nil))
                continue
            }
            do {
                result.append((try await refresh(String(job.id)), nil))
            } catch let error as TuningError {
                result.append((job, error))
            }
        }
        return result
    }

    /// Stores what the provider reported; `newEvents` oldest first.
    func record(_ remote: RemoteTuningJob, for job: TuningJob, newEvents: [TuningEvent]) async throws -> TuningJob {
        let events = Array((job.events + newEvents).suffix(Self.keptEvents))
        let loss = LossPoint.merge(job.loss, newEvents.compactMap(\.metrics))
        var details = job.details
        details.merge(remote.details) { _, new in new }
        let updated = try await store.updateTuningJob(
            job.id, tenantID: tenantID(),
            TuningJobUpdate(
                status: remote.rawStatus, fineTunedModel: remote.fineTunedModel, trainedTokens: remote.trainedTokens,
                error: remote.error, events: StoredJSON.encode(events), metrics: StoredJSON.encode(loss),
                details: StoredJSON.encode(details), finishedAt: remote.finishedAt))
        return TuningJob(record: updated)
    }
}
