#!/usr/bin/env python3
"""The baseline of `mneme bench retrieval`: plain SQLite FTS5 BM25 on the Cranfield collection,
as the collection's README defines it (tokenize='porter unicode61', columns (title, text), query =
OR of the query's \\w+ terms each double-quoted, ORDER BY bm25() top 10). Prints JSON with
nDCG@10 (gain 2^g-1, graded) and binary nDCG@10.
Usage: cranfield_baseline.py CRANFIELD_DIR"""
import json
import math
import re
import sqlite3
import sys
import time

folder = sys.argv[1]
docs = [json.loads(line) for line in open(f"{folder}/corpus.jsonl")]
queries = [json.loads(line) for line in open(f"{folder}/queries.jsonl")]
qrels = {}
for line in list(open(f"{folder}/qrels.tsv"))[1:]:
    q, d, g = line.split("\t")
    qrels.setdefault(q, {})[d] = int(g)

db = sqlite3.connect(":memory:")
db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, tokenize='porter unicode61')")
db.executemany("INSERT INTO docs VALUES (?, ?, ?)", [(d["id"], d["title"], d["text"]) for d in docs])


def ndcg(ranked, judged, binary):
    gain = (lambda g: 1 if g > 0 else 0) if binary else (lambda g: 2 ** g - 1)
    dcg = sum(gain(judged.get(d, 0)) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted((gain(g) for g in judged.values()), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


graded, binary = [], []
start = time.perf_counter()
for q in queries:
    terms = re.findall(r"\w+", q["text"])
    match = " OR ".join(f'"{t}"' for t in terms)
    ranked = [r[0] for r in db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (match,))]
    graded.append(ndcg(ranked, qrels.get(q["id"], {}), False))
    binary.append(ndcg(ranked, qrels.get(q["id"], {}), True))
print(json.dumps({"ndcg10": sum(graded) / len(graded), "ndcg10_binary": sum(binary) / len(binary),
                  "queries": len(queries), "seconds": time.perf_counter() - start}))
