#!/usr/bin/env python3
"""The peer of `mneme bench store`: the same writes and reads with Python's sqlite3 module
on a fresh Mneme database (same schema, triggers and pragmas), i.e. SQLite with no Swift or
GRDB in between. Python's sqlite3 cannot load Mneme's Swift stemming tokenizer, so the full-text
indexes use SQLite's own `porter unicode61`, the closest built-in equivalent. Prints one JSON object. Usage: bench_store_peer.py DB MESSAGES SINGLE BATCH QUERIES"""
import json
import sqlite3
import sys
import time

source, messages, single, batch, queries = sys.argv[1], *map(int, sys.argv[2:6])
# Python's SQLite cannot open Mneme's full-text tables (their tokenizer is Swift code), so the peer
# copies Mneme's schema into a new file with tokenize='porter unicode61' in their place.
schema = sqlite3.connect(source).execute(
    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
path = source + ".peer"
db = sqlite3.connect(path, isolation_level=None)
for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON", "secure_delete = ON",
               "busy_timeout = 10000"):
    db.execute("PRAGMA " + pragma)
shadow = ("_data", "_idx", "_docsize", "_config", "_content")
for kind, name, sql in schema:
    if kind == "table" and "_fts_" in name and name.endswith(shadow):
        continue  # FTS5 creates its own shadow tables
    db.execute(sql.replace("tokenize='mneme'", "tokenize='porter unicode61 remove_diacritics 0'"))
text = "The quarterly review covers vacation policy, VPN access and the support rota for next month."
now = lambda: int(time.time() * 1000)
INSERT = """INSERT INTO message (tenant_id, user_id, session_id, role, content, token_count, tokenizer, model,
    created_at, status, metadata, external_id) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, 'complete', '{}', NULL)"""

db.execute("INSERT INTO tenant (name, created_at) VALUES ('bench', ?)", (now(),))
db.execute("INSERT INTO user (tenant_id, external_id, attributes, created_at) VALUES (1, 'user', '{}', ?)", (now(),))


def new_session():
    return db.execute("INSERT INTO session (tenant_id, user_id, created_at) VALUES (1, 1, ?)", (now(),)).lastrowid


def owns(session):
    return db.execute("SELECT * FROM session WHERE id = ? AND tenant_id = 1 AND user_id = 1", (session,)).fetchone()


small = new_session()
start = time.perf_counter()
for index in range(single):
    db.execute("BEGIN IMMEDIATE")
    owns(small)
    db.execute(INSERT, (1, 1, small, "user", f"{text} #{index}", now()))
    db.execute("COMMIT")
single_rate = single / (time.perf_counter() - start)

large = new_session()
start = time.perf_counter()
written = 0
while written < messages:
    count = min(batch, messages - written)
    db.execute("BEGIN IMMEDIATE")
    owns(large)
    for offset in range(count):
        n = written + offset
        db.execute(INSERT, (1, 1, large, "user" if n % 2 == 0 else "assistant", f"{text} #{n}", now()))
    db.execute("COMMIT")
    written += count
batch_rate = messages / (time.perf_counter() - start)

timings = []
for _ in range(queries):
    t = time.perf_counter()
    db.execute("BEGIN")
    owns(large)
    rows = db.execute(
        "SELECT * FROM message WHERE session_id = ? AND tenant_id = 1 AND user_id = 1 "
        "ORDER BY created_at DESC, id DESC LIMIT 50", (large,)).fetchall()
    rows.reverse()
    db.execute("COMMIT")
    timings.append(time.perf_counter() - t)
    assert len(rows) == 50
timings.sort()
print(json.dumps({
    "single_per_s": single_rate, "batch_per_s": batch_rate,
    "list_p50_ms": timings[len(timings) // 2] * 1000, "list_p99_ms": timings[int(len(timings) * 0.99)] * 1000,
    "sqlite": sqlite3.sqlite_version,
}))
