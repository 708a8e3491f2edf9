#!/usr/bin/env python3
"""The peers of `mneme bench retrieval`'s indexing figure, on the same chunks:
- `bare`: a plain Python sqlite3 FTS5 bulk insert (one transaction, one FTS5 table
  (title, heading_path, text), tokenize='porter unicode61'), the practical limit of indexing into SQLite;
- `schema`: the closest equivalent of what Mneme stores: Mneme's document and chunk tables, the
  external-content FTS5 index fed by triggers, one transaction per 64 documents (as Mneme's indexer),
  with SQLite's built-in `porter unicode61` tokenizer in place of Mneme's Swift Snowball tokenizer
  (Python cannot load it).
Input: a JSONL file of {"uri", "title", "heading_path", "text"} chunks, grouped by document.
Prints JSON: seconds_bare, seconds_schema, chunks, bytes. Usage: bench_index_peer.py CHUNKS.jsonl FOLDER"""
import itertools
import json
import os
import sqlite3
import sys
import time

chunks = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
folder = sys.argv[2]


def bare():
    db = sqlite3.connect(os.path.join(folder, "peer-bare.sqlite"), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE VIRTUAL TABLE chunk_fts USING fts5(title, heading_path, text, tokenize='porter unicode61')")
    start = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("INSERT INTO chunk_fts (title, heading_path, text) VALUES (?, ?, ?)",
                   [(c["title"], c["heading_path"], c["text"]) for c in chunks])
    db.execute("COMMIT")
    return time.perf_counter() - start


def schema():
    db = sqlite3.connect(os.path.join(folder, "peer-schema.sqlite"), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript("""
        CREATE TABLE document (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, collection_id INTEGER NOT NULL,
            uri TEXT NOT NULL, title TEXT NOT NULL, format TEXT NOT NULL, size INTEGER NOT NULL,
            modified_at INTEGER NOT NULL, content_hash TEXT NOT NULL, visibility TEXT NOT NULL DEFAULT 'tenant',
            chunk_count INTEGER NOT NULL DEFAULT 0, indexed_at INTEGER NOT NULL, UNIQUE (collection_id, uri));
        CREATE INDEX document_tenant ON document(tenant_id, collection_id);
        CREATE TABLE chunk (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,
            title TEXT NOT NULL, heading_path TEXT NOT NULL, text TEXT NOT NULL, start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL, token_count INTEGER NOT NULL, UNIQUE (document_id, ordinal));
        CREATE VIRTUAL TABLE chunk_fts USING fts5(title, heading_path, text, content='chunk', content_rowid='id',
            tokenize='porter unicode61');
        CREATE TRIGGER chunk_fts_insert AFTER INSERT ON chunk BEGIN
            INSERT INTO chunk_fts(rowid, title, heading_path, text) VALUES (new.id, new.title, new.heading_path, new.text);
        END;
        CREATE TRIGGER chunk_fts_delete AFTER DELETE ON chunk BEGIN
            INSERT INTO chunk_fts(chunk_fts, rowid, title, heading_path, text)
                VALUES ('delete', old.id, old.title, old.heading_path, old.text);
        END;
    """)
    db.execute("PRAGMA foreign_keys = ON")
    documents = [list(group) for _, group in itertools.groupby(chunks, key=lambda c: c["uri"])]
    start = time.perf_counter()
    for batch in range(0, len(documents), 64):
        db.execute("BEGIN")
        for doc in documents[batch:batch + 64]:
            db.execute("DELETE FROM document WHERE collection_id = 1 AND uri = ?", (doc[0]["uri"],))
            cursor = db.execute(
                "INSERT INTO document (tenant_id, collection_id, uri, title, format, size, modified_at, content_hash,"
                " chunk_count, indexed_at) VALUES (1, 1, ?, ?, 'markdown', 0, 0, '', ?, 0)",
                (doc[0]["uri"], doc[0]["title"], len(doc)))
            document_id = cursor.lastrowid
            db.executemany(
                "INSERT INTO chunk (tenant_id, document_id, ordinal, title, heading_path, text, start_offset,"
                " end_offset, token_count) VALUES (1, ?, ?, ?, ?, ?, 0, 0, 0)",
                [(document_id, ordinal, c["title"], c["heading_path"], c["text"]) for ordinal, c in enumerate(doc)])
        db.execute("COMMIT")
    return time.perf_counter() - start


print(json.dumps({"seconds_bare": bare(), "seconds_schema": schema(), "chunks": len(chunks),
                  "bytes": sum(len(c["text"].encode()) for c in chunks)}))
