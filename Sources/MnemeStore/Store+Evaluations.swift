import Foundation
import GRDB

extension Store {
    /// Starts an evaluation run for the tenant.
    public func createEvalRun(
        tenantID: Int64, dataPath: String, dataHash: String, models: [String], judge: String?,
        settings: String = "{}", exampleCount: Int
    ) async throws -> EvalRunRecord {
        guard !models.isEmpty else { throw StoreError.invalid("An evaluation needs at least one model.") }
        for model in models { try Validate.name(model, "A model name", maxLength: 1024) }
        try Validate.json(settings, "The settings")
        return try await write { db in
            let now = Timestamp.now()
            try db.execute(
                sql: """
                    INSERT INTO eval_run (tenant_id, data_path, data_hash, models, judge, settings, example_count,
                        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    tenantID, dataPath, dataHash, JSONList.encode(models), judge, settings, exampleCount, now, now,
                ])
            return try Self.evalRun(db, id: db.lastInsertedRowID, tenantID: tenantID)!
        }
    }

    /// The tenant's run `id`.
    public func evalRun(_ id: Int64, tenantID: Int64) async throws -> EvalRunRecord? {
        try await read { db in try Self.evalRun(db, id: id, tenantID: tenantID) }
    }

    /// The tenant's latest run over the same data, models and judge (the one a rerun resumes).
    public func latestEvalRun(dataHash: String, models: [String], judge: String?, tenantID: Int64) async throws
        -> EvalRunRecord?
    {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM eval_run WHERE tenant_id = ? AND data_hash = ? ORDER BY id DESC",
                arguments: [tenantID, dataHash]
            ).map(EvalRunRecord.init(row:)).first { $0.models == models && $0.judge == judge }
        }
    }

    /// The tenant's runs, newest first.
    public func evalRuns(tenantID: Int64) async throws -> [EvalRunRecord] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM eval_run WHERE tenant_id = ? ORDER BY id DESC", arguments: [tenantID]
            )
            .map(EvalRunRecord.init(row:))
        }
    }

    /// Stores (or replaces) one output of run `runID`.
    ///
    /// - Throws: ``StoreError`` (`notFound`) if the tenant has no such run.
    public func saveEvalOutput(_ output: EvalOutputRecord, runID: Int64, tenantID: Int64) async throws {
        try await write { db in
            guard try Self.evalRun(db, id: runID, tenantID: tenantID) != nil else {
                throw StoreError.notFound("Evaluation run \(runID)")
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO eval_output (run_id, tenant_id, model, example_index, target, output, status,
                        error, prompt_tokens, completion_tokens, latency_ms, cost, judge_score, judge_reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    runID, tenantID, output.model, output.exampleIndex, output.target, output.output,
                    output.succeeded ? "complete" : "failed", output.error, output.promptTokens,
                    output.completionTokens, output.latencyMilliseconds, output.cost, output.judgeScore,
                    output.judgeReason, Timestamp.now(),
                ])
            try db.execute(
                sql: "UPDATE eval_run SET updated_at = ? WHERE id = ? AND tenant_id = ?",
                arguments: [Timestamp.now(), runID, tenantID])
        }
    }

    /// The outputs of run `runID`, by model then example.
    public func evalOutputs(runID: Int64, tenantID: Int64) async throws -> [EvalOutputRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM eval_output WHERE run_id = ? AND tenant_id = ? ORDER BY model, example_index",
                arguments: [runID, tenantID]
            ).map(EvalOutputRecord.init(row:))
        }
    }

    /// Deletes run `id` and its outputs; returns whether it existed.
    @discardableResult
    public func deleteEvalRun(_ id: Int64, tenantID: Int64) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM eval_run WHERE id = ? AND tenant_id = ?", arguments: [id, tenantID])
            return db.changesCount > 0
        }
    }

    private static func evalRun(_ db: Database, id: Int64, tenantID: Int64) throws -> EvalRunRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM eval_run WHERE id = ? AND tenant_id = ?", arguments: [id, tenantID])
            .map(EvalRunRecord.init(row:))
    }
}

extension EvalRunRecord {
    init(row: Row) {
        self.init(
            id: row["id"], dataPath: row["data_path"], dataHash: row["data_hash"],
            models: JSONList.decode(row["models"]),
            judge: row["judge"], settings: row["settings"], exampleCount: row["example_count"],
            createdAt: Timestamp.date(row["created_at"] as Int64), updatedAt: Timestamp.date(row["updated_at"] as Int64)
        )
    }
}

extension EvalOutputRecord {
    init(row: Row) {
        self.init(
            model: row["model"], exampleIndex: row["example_index"], target: row["target"], output: row["output"],
            succeeded: (row["status"] as String) == "complete", error: row["error"], promptTokens: row["prompt_tokens"],
            completionTokens: row["completion_tokens"], latencyMilliseconds: row["latency_ms"], cost: row["cost"],
            judgeScore: row["judge_score"], judgeReason: row["judge_reason"])
    }
}
