import GRDB

extension Schema {
    /// v6: fine-tuning jobs, routes registered from them, and evaluation runs with their
    /// per-example outputs (so an interrupted evaluation resumes). All are tenant data without a
    /// `user_id`: training files and evaluation sets belong to the tenant, not to one user.
    static func createTuningTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE tuning_job (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                    provider TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    base_model TEXT NOT NULL,
                    status TEXT NOT NULL,
                    training_file TEXT NOT NULL,
                    validation_file TEXT,
                    remote_training_file TEXT,
                    remote_validation_file TEXT,
                    suffix TEXT,
                    hyperparameters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(hyperparameters)),
                    fine_tuned_model TEXT,
                    trained_tokens INTEGER,
                    estimated_tokens INTEGER,
                    error TEXT,
                    events TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(events)),
                    metrics TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(metrics)),
                    details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    finished_at INTEGER,
                    UNIQUE (tenant_id, provider, remote_id)
                );
                CREATE TABLE registered_route (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    target TEXT NOT NULL,
                    fallbacks TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fallbacks)),
                    persona TEXT,
                    user_attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(user_attributes)),
                    tuning_job_id INTEGER REFERENCES tuning_job(id) ON DELETE SET NULL,
                    created_at INTEGER NOT NULL,
                    UNIQUE (tenant_id, name)
                );
                CREATE TABLE eval_run (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                    data_path TEXT NOT NULL,
                    data_hash TEXT NOT NULL,
                    models TEXT NOT NULL CHECK (json_valid(models)),
                    judge TEXT,
                    settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
                    example_count INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX eval_run_lookup ON eval_run(tenant_id, data_hash);
                CREATE TABLE eval_output (
                    run_id INTEGER NOT NULL REFERENCES eval_run(id) ON DELETE CASCADE,
                    tenant_id INTEGER NOT NULL,
                    model TEXT NOT NULL,
                    example_index INTEGER NOT NULL,
                    target TEXT NOT NULL,
                    output TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('complete', 'failed')),
                    error TEXT,
                    prompt_tokens INTEGER,
                    completion_tokens INTEGER,
                    latency_ms INTEGER,
                    cost REAL,
                    judge_score REAL,
                    judge_reason TEXT,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (run_id, model, example_index)
                ) WITHOUT ROWID;
                """
        )
    }
}
