import GRDB

/// The database schema, as a list of migrations applied in order.
///
/// Rules for every migration added later:
/// - a table that holds user data has `tenant_id` and `user_id` columns and is registered in
///   ``Erasure/tables`` (a test fails if it is not);
/// - a full-text index over user data is registered in ``Erasure/ftsIndexes``.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: tenants, users, facts, sessions, messages") { db in
            try createCoreTables(db)
        }
        migrator.registerMigration("v2: documents, chunks, groups; stemming full-text indexes") { db in
            try createDocumentTables(db)
            try useStemmingTokenizerForMessages(db)
        }
        migrator.registerMigration("v3: prompt log, few-shot examples") { db in
            try createTurnTables(db)
        }
        migrator.registerMigration("v4: token estimate calibration") { db in
            try db.execute(
                sql: """
                    CREATE TABLE calibration (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        data TEXT NOT NULL CHECK (json_valid(data)),
                        updated_at INTEGER NOT NULL
                    )
                    """
            )
        }
        migrator.registerMigration("v5: reply feedback") { db in
            try createFeedbackTable(db)
        }
        migrator.registerMigration("v6: tuning jobs, registered routes, evaluations") { db in
            try createTuningTables(db)
        }
        migrator.registerMigration("v7: API keys") { db in
            try createAPIKeyTable(db)
        }
        migrator.registerMigration("v8: turn cost") { db in
            try db.execute(sql: "ALTER TABLE prompt_log ADD COLUMN cost_usd REAL")
        }
        migrator.registerMigration("v9: message index scoped by owner") { db in
            try indexMessagesByOwner(db)
        }
        return migrator
    }

    /// API keys of `mneme serve`: tenant-scoped, no user data (not in ``Erasure/tables``). Only
    /// the SHA-256 of a key is stored, with its first characters to tell keys apart.
    private static func createAPIKeyTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE api_key (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                    prefix TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    scope TEXT NOT NULL CHECK (scope IN ('chat', 'admin')),
                    name TEXT,
                    created_at INTEGER NOT NULL,
                    last_used_at INTEGER,
                    revoked_at INTEGER
                );
                CREATE INDEX api_key_tenant ON api_key(tenant_id);
                CREATE INDEX api_key_prefix ON api_key(prefix);
                """
        )
    }

    private static func createCoreTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE tenant (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE user (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                    external_id TEXT NOT NULL,
                    display_name TEXT,
                    attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
                    created_at INTEGER NOT NULL,
                    UNIQUE (tenant_id, external_id)
                );
                CREATE TABLE session (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    external_id TEXT,
                    title TEXT,
                    persona TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX session_external ON session(tenant_id, user_id, external_id)
                    WHERE external_id IS NOT NULL;
                CREATE INDEX session_user ON session(tenant_id, user_id, created_at);
                CREATE TABLE message (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
                    content TEXT NOT NULL,
                    token_count INTEGER,
                    tokenizer TEXT,
                    model TEXT,
                    created_at INTEGER NOT NULL,
                    status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'partial', 'failed')),
                    metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
                    external_id TEXT
                );
                CREATE INDEX message_session ON message(session_id, created_at, id);
                CREATE INDEX message_user ON message(tenant_id, user_id, created_at);
                CREATE UNIQUE INDEX message_external ON message(tenant_id, user_id, external_id)
                    WHERE external_id IS NOT NULL;
                CREATE TABLE profile_fact (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('user-stated', 'extracted', 'imported')),
                    message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
                    confidence REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    superseded_at INTEGER
                );
                CREATE UNIQUE INDEX profile_fact_current ON profile_fact(tenant_id, user_id, key)
                    WHERE superseded_at IS NULL;
                CREATE INDEX profile_fact_message ON profile_fact(message_id);

                CREATE VIRTUAL TABLE message_fts USING fts5(
                    content, content='message', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
                );
                CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
                    INSERT INTO message_fts(rowid, content) VALUES (new.id, new.content);
                END;
                CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
                    INSERT INTO message_fts(message_fts, rowid, content) VALUES ('delete', old.id, old.content);
                END;
                CREATE TRIGGER message_fts_update AFTER UPDATE OF content ON message BEGIN
                    INSERT INTO message_fts(message_fts, rowid, content) VALUES ('delete', old.id, old.content);
                    INSERT INTO message_fts(rowid, content) VALUES (new.id, new.content);
                END;
                """
        )
    }

    private static func createDocumentTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE user_group (
                    tenant_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, user_id, name)
                ) WITHOUT ROWID;
                CREATE TABLE collection (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    UNIQUE (tenant_id, name)
                );
                CREATE TABLE document (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL,
                    collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                    uri TEXT NOT NULL,
                    title TEXT NOT NULL,
                    format TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    modified_at INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    visibility TEXT NOT NULL DEFAULT 'tenant' CHECK (visibility IN ('tenant', 'restricted')),
                    chunk_count INTEGER NOT NULL DEFAULT 0,
                    indexed_at INTEGER NOT NULL,
                    UNIQUE (collection_id, uri)
                );
                CREATE INDEX document_tenant ON document(tenant_id, collection_id);
                CREATE TABLE document_access (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('user', 'group')),
                    name TEXT NOT NULL,
                    PRIMARY KEY (document_id, kind, name)
                ) WITHOUT ROWID;
                CREATE INDEX document_access_name ON document_access(kind, name);
                CREATE TABLE chunk (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL,
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    heading_path TEXT NOT NULL,
                    text TEXT NOT NULL,
                    start_offset INTEGER NOT NULL,
                    end_offset INTEGER NOT NULL,
                    token_count INTEGER NOT NULL,
                    UNIQUE (document_id, ordinal)
                );
                CREATE VIRTUAL TABLE chunk_fts USING fts5(
                    title, heading_path, text, content='chunk', content_rowid='id', tokenize='\(TextTokenizer.name)'
                );
                CREATE TRIGGER chunk_fts_insert AFTER INSERT ON chunk BEGIN
                    INSERT INTO chunk_fts(rowid, title, heading_path, text)
                        VALUES (new.id, new.title, new.heading_path, new.text);
                END;
                CREATE TRIGGER chunk_fts_delete AFTER DELETE ON chunk BEGIN
                    INSERT INTO chunk_fts(chunk_fts, rowid, title, heading_path, text)
                        VALUES ('delete', old.id, old.title, old.heading_path, old.text);
                END;
                """
        )
    }

    /// Rebuilds the message index with the stemming tokenizer, so recall matches word forms.
    private static func useStemmingTokenizerForMessages(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TABLE message_fts;
                CREATE VIRTUAL TABLE message_fts USING fts5(
                    content, content='message', content_rowid='id', tokenize='\(TextTokenizer.name)'
                );
                INSERT INTO message_fts(message_fts) VALUES ('rebuild');
                """
        )
    }

    /// Rebuilds the message index with a second column, `owner_token` (a word unique to the message's tenant
    /// and user, see ``MessageOwner``), so that a recall's match expression itself keeps to the user's rows
    /// instead of scoring every user's messages and filtering afterwards. The token is a virtual generated
    /// column of `message`, so the external-content index can read it back (rebuild, integrity check).
    private static func indexMessagesByOwner(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER message_fts_insert;
                DROP TRIGGER message_fts_delete;
                DROP TRIGGER message_fts_update;
                DROP TABLE message_fts;
                ALTER TABLE message ADD COLUMN owner_token TEXT
                    GENERATED ALWAYS AS ('t' || tenant_id || 'u' || user_id) VIRTUAL;
                CREATE VIRTUAL TABLE message_fts USING fts5(
                    content, owner_token, content='message', content_rowid='id', tokenize='\(TextTokenizer.name)'
                );
                INSERT INTO message_fts(message_fts) VALUES ('rebuild');
                CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
                    INSERT INTO message_fts(rowid, content, owner_token) VALUES (new.id, new.content, new.owner_token);
                END;
                CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
                    INSERT INTO message_fts(message_fts, rowid, content, owner_token)
                        VALUES ('delete', old.id, old.content, old.owner_token);
                END;
                CREATE TRIGGER message_fts_update AFTER UPDATE OF content, tenant_id, user_id ON message BEGIN
                    INSERT INTO message_fts(message_fts, rowid, content, owner_token)
                        VALUES ('delete', old.id, old.content, old.owner_token);
                    INSERT INTO message_fts(rowid, content, owner_token) VALUES (new.id, new.content, new.owner_token);
                END;
                """
        )
    }

    private static func createTurnTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE prompt_log (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
                    user_message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
                    reply_message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
                    model TEXT NOT NULL,
                    route TEXT,
                    prompt_tokens INTEGER,
                    completion_tokens INTEGER,
                    estimated_prompt_tokens INTEGER,
                    latency_ms INTEGER,
                    status TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'failed')),
                    error TEXT,
                    trace TEXT NOT NULL CHECK (json_valid(trace)),
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX prompt_log_user ON prompt_log(tenant_id, user_id, created_at);
                CREATE INDEX prompt_log_session ON prompt_log(session_id);
                CREATE TABLE example (
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                    persona TEXT NOT NULL DEFAULT '',
                    input TEXT NOT NULL,
                    output TEXT NOT NULL,
                    pinned INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX example_persona ON example(tenant_id, persona);
                CREATE VIRTUAL TABLE example_fts USING fts5(
                    input, content='example', content_rowid='id', tokenize='\(TextTokenizer.name)'
                );
                CREATE TRIGGER example_fts_insert AFTER INSERT ON example BEGIN
                    INSERT INTO example_fts(rowid, input) VALUES (new.id, new.input);
                END;
                CREATE TRIGGER example_fts_delete AFTER DELETE ON example BEGIN
                    INSERT INTO example_fts(example_fts, rowid, input) VALUES ('delete', old.id, old.input);
                END;
                """
        )
    }

    /// One rating per assistant reply, given by the user who received it.
    private static func createFeedbackTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE reply_feedback (
                    message_id INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
                    tenant_id INTEGER NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
                    note TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX reply_feedback_user ON reply_feedback(tenant_id, user_id);
                """
        )
    }
}
