#!/usr/bin/env python3
"""Why Mneme's schema peer was 3x the bare FTS5 bulk insert: the same chunks written in several ways,
medians of 3 rounds, ratios to the bare insert of the same run (docs/benchmarks.md, "Retrieval (issue 4)").
Input: the chunks JSONL that `mneme bench retrieval --parts throughput` writes (see bench_index_peer.py).
Usage: bench_index_variants.py CHUNKS.jsonl FOLDER [NAME-FILTER ...]"""
import itertools
import json
import os
import sqlite3
import statistics
import sys
import time

chunks = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
folder = sys.argv[2]
only = sys.argv[3:]
docs = [list(g) for _, g in itertools.groupby(chunks, key=lambda c: c["uri"])]

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_index_peer import (CHUNK_INSERT, DOCUMENT_DELETE, DOCUMENT_INSERT, FTS_BARE, FTS_EXTERNAL,  # noqa: E402
                              STAGING_INSERT, STAGING_MOVE, TABLES, TRIGGERS)


def open_db(name, sync="NORMAL", secure=False):
    path = os.path.join(folder, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    if sync:
        db.execute(f"PRAGMA synchronous = {sync}")
    if secure:
        db.execute("PRAGMA secure_delete = ON")
    return db


def bare(batch=None):
    db = open_db("variant-bare.sqlite", sync=None)
    db.execute(FTS_BARE)
    start = time.perf_counter()
    step = batch or len(docs)
    for first in range(0, len(docs), step):
        db.execute("BEGIN")
        db.executemany("INSERT INTO chunk_fts (title, heading_path, text) VALUES (?, ?, ?)",
                       [(c["title"], c["heading_path"], c["text"]) for d in docs[first:first + step] for c in d])
        db.execute("COMMIT")
    return time.perf_counter() - start


def schema(batch=64, fts="triggers", external=True, sync="NORMAL", secure=False, automerge=None, temp=None):
    """fts: 'triggers' (one INSERT per chunk, FTS5 fed by the trigger), 'staged' (triggers, one INSERT ... SELECT
    per batch), 'direct' (no insert trigger: the FTS5 row inserted by its own statement), 'savepoint' ('direct'
    with a SAVEPOINT around each chunk, as the statement journal of a trigger does)."""
    db = open_db("variant-schema.sqlite", sync=sync, secure=secure)
    if temp:
        db.execute(f"PRAGMA temp_store = {temp}")
    with_triggers = fts in ("triggers", "staged", "values")
    db.executescript(TABLES + (FTS_EXTERNAL if external else FTS_BARE) + (TRIGGERS if with_triggers else ""))
    db.execute("PRAGMA foreign_keys = ON")
    if automerge is not None:
        db.execute(f"INSERT INTO chunk_fts(chunk_fts, rank) VALUES('automerge', {automerge})")
    start = time.perf_counter()
    step = batch or len(docs)
    for first in range(0, len(docs), step):
        db.execute("BEGIN")
        values = []
        for doc in docs[first:first + step]:
            db.execute(DOCUMENT_DELETE, (doc[0]["uri"],))
            document_id = db.execute(DOCUMENT_INSERT, (doc[0]["uri"], doc[0]["title"], len(doc))).lastrowid
            for ordinal, c in enumerate(doc):
                row = (document_id, ordinal, c["title"], c["heading_path"], c["text"])
                if fts == "staged":
                    db.execute(STAGING_INSERT, row)
                    continue
                if fts == "values":
                    values.append(row)
                    continue
                if fts == "savepoint":
                    db.execute("SAVEPOINT chunk")
                chunk_id = db.execute(CHUNK_INSERT, row).lastrowid
                if fts in ("direct", "savepoint"):
                    db.execute("INSERT INTO chunk_fts(rowid, title, heading_path, text) VALUES (?, ?, ?, ?)",
                               (chunk_id, c["title"], c["heading_path"], c["text"]))
                if fts == "savepoint":
                    db.execute("RELEASE chunk")
        if fts == "staged":
            db.execute(STAGING_MOVE)
            db.execute("DELETE FROM chunk_staging")
        if fts == "values" and values:
            db.execute(CHUNK_INSERT.split("VALUES")[0] + "VALUES " + ", ".join(["(1, ?, ?, ?, ?, ?, 0, 0, 0)"] * len(values)),
                       [field for row in values for field in row])
        db.execute("COMMIT")
    return time.perf_counter() - start


variants = {
    "bare, one transaction (the peer)": lambda: bare(),
    "bare, 64 documents a commit": lambda: bare(batch=64),
    "schema, triggers, one INSERT per chunk, 64 a commit (Mneme before)": lambda: schema(),
    "  the same, all in one transaction": lambda: schema(batch=None),
    "  the same, FTS5 with its own content (no external content)": lambda: schema(external=False),
    "  the same, synchronous FULL": lambda: schema(sync="FULL"),
    "  the same, synchronous OFF": lambda: schema(sync="OFF"),
    "  the same, secure_delete on (as Mneme)": lambda: schema(secure=True),
    "  the same, automerge 0": lambda: schema(automerge=0),
    "schema, no insert trigger, FTS5 row by its own INSERT": lambda: schema(fts="direct"),
    "  the same, a SAVEPOINT around each chunk": lambda: schema(fts="savepoint"),
    "schema, triggers, one INSERT ... SELECT a batch, 64 a commit": lambda: schema(fts="staged"),
    "  the same, 256 a commit (Mneme now)": lambda: schema(fts="staged", batch=256),
    "  the same, 256 a commit, secure_delete on": lambda: schema(fts="staged", batch=256, secure=True),
    "  the same, one transaction for all": lambda: schema(fts="staged", batch=None),
    "  the same, 256 a commit, temp_store MEMORY": lambda: schema(fts="staged", batch=256, temp="MEMORY"),
    "schema, triggers, one multi-row INSERT ... VALUES a batch, 256 a commit": lambda: schema(fts="values", batch=256),
}

if __name__ != "__main__":
    sys.exit("run bench_index_variants.py as a script")
results = {name: [] for name in variants}
for _ in range(3):
    for name, run in variants.items():
        if not only or any(o in name for o in only) or name.startswith("bare, one"):
            results[name].append(run())
base = statistics.median(results["bare, one transaction (the peer)"])
for name, times in results.items():
    if times:
        print(f"{name:72s} {statistics.median(times):6.3f} s  {statistics.median(times) / base:5.2f}x")
