import Foundation
import GRDB

extension Store {
    /// Records a job created on a provider. A job already recorded for the same provider and
    /// remote id is an error (`invalidInput`).
    public func insertTuningJob(_ job: NewTuningJob, tenantID: Int64) async throws -> TuningJobRecord {
        try Validate.name(job.provider, "A provider name")
        try Validate.name(job.remoteID, "A job id", maxLength: 1024)
        try Validate.name(job.baseModel, "A base model", maxLength: 1024)
        try Validate.json(job.hyperparameters, "The hyperparameters")
        return try await write { db in
            let exists =
                try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM tuning_job WHERE tenant_id = ? AND provider = ? AND remote_id = ?",
                    arguments: [tenantID, job.provider, job.remoteID]) ?? false
            if exists { throw StoreError.invalid("Job \(job.remoteID) of \(job.provider) is already recorded.") }
            let now = Timestamp.now()
            try db.execute(
                sql: """
                    INSERT INTO tuning_job (tenant_id, provider, remote_id, base_model, status, training_file,
                        validation_file, remote_training_file, remote_validation_file, suffix, hyperparameters,
                        estimated_tokens, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    tenantID, job.provider, job.remoteID, job.baseModel, job.status, job.trainingFile,
                    job.validationFile, job.remoteTrainingFile, job.remoteValidationFile, job.suffix,
                    job.hyperparameters, job.estimatedTokens, now, now,
                ])
            return try Self.tuningJob(db, id: db.lastInsertedRowID, tenantID: tenantID)!
        }
    }

    /// Applies what a poll learned; returns the job as stored.
    ///
    /// - Throws: ``StoreError`` (`notFound`) if the tenant has no job `id`.
    @discardableResult
    public func updateTuningJob(_ id: Int64, tenantID: Int64, _ update: TuningJobUpdate) async throws
        -> TuningJobRecord
    {
        for (text, what) in [
            (update.events, "The events"), (update.metrics, "The metrics"), (update.details, "Details"),
        ] {
            if let text { try Validate.json(text, what) }
        }
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE tuning_job SET status = coalesce(?, status), fine_tuned_model = coalesce(?, fine_tuned_model),
                        trained_tokens = coalesce(?, trained_tokens), error = coalesce(?, error),
                        events = coalesce(?, events), metrics = coalesce(?, metrics), details = coalesce(?, details),
                        finished_at = coalesce(?, finished_at), updated_at = ?
                    WHERE id = ? AND tenant_id = ?
                    """,
                arguments: [
                    update.status, update.fineTunedModel, update.trainedTokens, update.error, update.events,
                    update.metrics, update.details, update.finishedAt.map(Timestamp.millis), Timestamp.now(), id,
                    tenantID,
                ])
            guard db.changesCount > 0, let job = try Self.tuningJob(db, id: id, tenantID: tenantID) else {
                throw StoreError.notFound("Tuning job \(id)")
            }
            return job
        }
    }

    /// The tenant's job with local id `id`.
    public func tuningJob(_ id: Int64, tenantID: Int64) async throws -> TuningJobRecord? {
        try await read { db in try Self.tuningJob(db, id: id, tenantID: tenantID) }
    }

    /// The tenant's job with the provider's id `remoteID` (any provider).
    public func tuningJob(remoteID: String, tenantID: Int64) async throws -> TuningJobRecord? {
        try await read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM tuning_job WHERE tenant_id = ? AND remote_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [tenantID, remoteID]
            ).map(TuningJobRecord.init(row:))
        }
    }

    /// The tenant's jobs, newest first.
    public func tuningJobs(tenantID: Int64) async throws -> [TuningJobRecord] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM tuning_job WHERE tenant_id = ? ORDER BY id DESC", arguments: [tenantID]
            ).map(TuningJobRecord.init(row:))
        }
    }

    private static func tuningJob(_ db: Database, id: Int64, tenantID: Int64) throws -> TuningJobRecord? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM tuning_job WHERE id = ? AND tenant_id = ?", arguments: [id, tenantID]
        ).map(TuningJobRecord.init(row:))
    }
}

extension TuningJobRecord {
    init(row: Row) {
        self.init(
            id: row["id"], provider: row["provider"], remoteID: row["remote_id"], baseModel: row["base_model"],
            status: row["status"], trainingFile: row["training_file"], validationFile: row["validation_file"],
            remoteTrainingFile: row["remote_training_file"], remoteValidationFile: row["remote_validation_file"],
            suffix: row["suffix"], hyperparameters: row["hyperparameters"], fineTunedModel: row["fine_tuned_model"],
            trainedTokens: row["trained_tokens"], estimatedTokens: row["estimated_tokens"], error: row["error"],
            events: row["events"], metrics: row["metrics"], details: row["details"],
            createdAt: Timestamp.date(row["created_at"] as Int64),
            updatedAt: Timestamp.date(row["updated_at"] as Int64),
            finishedAt: Timestamp.date(row["finished_at"] as Int64?))
    }
}

extension Validate {
    /// Checks that `text` is valid JSON (the JSON columns have a CHECK too; this gives a clear message).
    static func json(_ text: String, _ what: String) throws {
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else {
            throw StoreError.invalid("\(what) must be valid JSON.")
        }
    }
}
