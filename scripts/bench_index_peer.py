#!/usr/bin/env python3
"""The peer of `mneme bench retrieval`'s indexing figure: a plain Python sqlite3 FTS5 bulk
insert of the same chunks (one transaction, tokenize='porter unicode61'), the practical limit
of indexing into SQLite. Input: a JSONL file of {"title", "heading_path", "text"} chunks.
Prints JSON: seconds, chunks, bytes. Usage: bench_index_peer.py CHUNKS.jsonl DB"""
import json
import sqlite3
import sys
import time

chunks = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
db = sqlite3.connect(sys.argv[2], isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("CREATE VIRTUAL TABLE chunk_fts USING fts5(title, heading_path, text, tokenize='porter unicode61')")
start = time.perf_counter()
db.execute("BEGIN")
db.executemany("INSERT INTO chunk_fts (title, heading_path, text) VALUES (?, ?, ?)",
               [(c["title"], c["heading_path"], c["text"]) for c in chunks])
db.execute("COMMIT")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "chunks": len(chunks),
                  "bytes": sum(len(c["text"].encode()) for c in chunks)}))
