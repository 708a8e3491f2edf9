#!/usr/bin/env python3
"""The peers of `mneme bench retrieval`'s indexing figure, on the same chunks:
- `bare`: a plain Python sqlite3 FTS5 bulk insert (one transaction, one FTS5 table
  (title, heading_path, text), tokenize='porter unicode61'), the practical limit of indexing into SQLite;
- `schema`: the closest equivalent of what Mneme stores: Mneme's document and chunk tables, the
  external-content FTS5 index fed by triggers, one transaction per BATCH documents, the chunks of a
  batch moved into `chunk` by one INSERT ... SELECT from a temporary table (as Mneme's store does),
  with SQLite's built-in `porter unicode61` tokenizer in place of Mneme's Swift Snowball tokenizer
  (Python cannot load it);
- `per_chunk`: the same schema written the way Mneme did before 2026-11-25: one INSERT per chunk, one
  transaction per 64 documents. Each INSERT whose trigger writes FTS5 opens a statement journal, and
  FTS5's xSavepoint flushes its pending terms to a new segment: one tiny segment per chunk.
Input: a JSONL file of {"uri", "title", "heading_path", "text"} chunks, grouped by document.
Prints JSON: seconds_* and cpu_* (process CPU time) per peer, chunks, bytes.
Usage: bench_index_peer.py CHUNKS.jsonl FOLDER [BATCH (default 256)]"""
import itertools
import json
import os
import sqlite3
import sys
import time

# Mneme's document and chunk tables (Sources/MnemeStore/Schema.swift) and the staging table of its store.
TABLES = """
    CREATE TABLE document (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, collection_id INTEGER NOT NULL,
        uri TEXT NOT NULL, title TEXT NOT NULL, format TEXT NOT NULL, size INTEGER NOT NULL,
        modified_at INTEGER NOT NULL, content_hash TEXT NOT NULL, visibility TEXT NOT NULL DEFAULT 'tenant',
        chunk_count INTEGER NOT NULL DEFAULT 0, indexed_at INTEGER NOT NULL, UNIQUE (collection_id, uri));
    CREATE INDEX document_tenant ON document(tenant_id, collection_id);
    CREATE TABLE chunk (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL,
        document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,
        title TEXT NOT NULL, heading_path TEXT NOT NULL, text TEXT NOT NULL, start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL, token_count INTEGER NOT NULL, UNIQUE (document_id, ordinal));
    CREATE TEMP TABLE chunk_staging (document_id, ordinal, title, heading_path, text);
"""
FTS_BARE = "CREATE VIRTUAL TABLE chunk_fts USING fts5(title, heading_path, text, tokenize='porter unicode61');"
FTS_EXTERNAL = ("CREATE VIRTUAL TABLE chunk_fts USING fts5(title, heading_path, text, content='chunk',"
                " content_rowid='id', tokenize='porter unicode61');")
TRIGGERS = """
    CREATE TRIGGER chunk_fts_insert AFTER INSERT ON chunk BEGIN
        INSERT INTO chunk_fts(rowid, title, heading_path, text) VALUES (new.id, new.title, new.heading_path, new.text);
    END;
    CREATE TRIGGER chunk_fts_delete AFTER DELETE ON chunk BEGIN
        INSERT INTO chunk_fts(chunk_fts, rowid, title, heading_path, text)
            VALUES ('delete', old.id, old.title, old.heading_path, old.text);
    END;
"""
DOCUMENT_DELETE = "DELETE FROM document WHERE collection_id = 1 AND uri = ?"
DOCUMENT_INSERT = ("INSERT INTO document (tenant_id, collection_id, uri, title, format, size, modified_at, content_hash,"
                   " chunk_count, indexed_at) VALUES (1, 1, ?, ?, 'markdown', 0, 0, '', ?, 0)")
CHUNK_INSERT = ("INSERT INTO chunk (tenant_id, document_id, ordinal, title, heading_path, text, start_offset,"
                " end_offset, token_count) VALUES (1, ?, ?, ?, ?, ?, 0, 0, 0)")
STAGING_INSERT = "INSERT INTO chunk_staging VALUES (?, ?, ?, ?, ?)"
STAGING_MOVE = ("INSERT INTO chunk (tenant_id, document_id, ordinal, title, heading_path, text, start_offset,"
                " end_offset, token_count) SELECT 1, document_id, ordinal, title, heading_path, text, 0, 0, 0"
                " FROM chunk_staging ORDER BY rowid")


def bare(chunks, folder):
    db = sqlite3.connect(os.path.join(folder, "peer-bare.sqlite"), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(FTS_BARE)
    start, cpu = time.perf_counter(), time.process_time()
    db.execute("BEGIN")
    db.executemany("INSERT INTO chunk_fts (title, heading_path, text) VALUES (?, ?, ?)",
                   [(c["title"], c["heading_path"], c["text"]) for c in chunks])
    db.execute("COMMIT")
    return time.perf_counter() - start, time.process_time() - cpu


def schema(chunks, folder, name, batch, staged):
    db = sqlite3.connect(os.path.join(folder, name), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript(TABLES + FTS_EXTERNAL + TRIGGERS)
    db.execute("PRAGMA foreign_keys = ON")
    documents = [list(group) for _, group in itertools.groupby(chunks, key=lambda c: c["uri"])]
    start, cpu = time.perf_counter(), time.process_time()
    for first in range(0, len(documents), batch):
        db.execute("BEGIN")
        for doc in documents[first:first + batch]:
            db.execute(DOCUMENT_DELETE, (doc[0]["uri"],))
            document_id = db.execute(DOCUMENT_INSERT, (doc[0]["uri"], doc[0]["title"], len(doc))).lastrowid
            rows = [(document_id, ordinal, c["title"], c["heading_path"], c["text"]) for ordinal, c in enumerate(doc)]
            db.executemany(STAGING_INSERT if staged else CHUNK_INSERT, rows)
        if staged:
            db.execute(STAGING_MOVE)
            db.execute("DELETE FROM chunk_staging")
        db.execute("COMMIT")
    return time.perf_counter() - start, time.process_time() - cpu


def main():
    chunks = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    folder = sys.argv[2]
    batch_size = int(sys.argv[3]) if len(sys.argv) > 3 else 256
    result = {"chunks": len(chunks), "bytes": sum(len(c["text"].encode()) for c in chunks)}
    for peer, run in [("bare", lambda: bare(chunks, folder)),
                      ("schema", lambda: schema(chunks, folder, "peer-schema.sqlite", batch_size, True)),
                      ("per_chunk", lambda: schema(chunks, folder, "peer-per-chunk.sqlite", 64, False))]:
        result["seconds_" + peer], result["cpu_" + peer] = run()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
