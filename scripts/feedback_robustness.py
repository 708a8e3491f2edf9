#!/usr/bin/env python3
"""When pseudo-relevance feedback helps (docs/benchmarks.md, "Retrieval (issue 4)", Quality), with the model of
Mneme's ranking in retrieval_model.py (needs numpy, scipy, snowballstemmer).

1. Corpus size: random subsets of Cranfield (each document kept with probability p, 5 seeds per p; queries
   without a relevant document in the subset dropped): nDCG@10 without and with feedback.
2. Feedback variants on the whole of Cranfield (nDCG@10, and on the odd / even queries) and, with
   --handbook-db, on the sample handbook's 20 questions (MRR@5 of a chunk holding the answer fact, 5 chunks,
   at most 3 per document, as the chat demo retrieves) and the chat demo's question (rank among 8 chunks).
   The handbook's chunks are read from a Mneme database: `mneme index --db DB corpora/handbook`.

Usage: feedback_robustness.py CRANFIELD_DIR [--handbook-db DB] [--sizes-only | --variants-only]"""
import argparse
import json
import random
import re
import sqlite3
import statistics
import sys

import retrieval_model as m

parser = argparse.ArgumentParser()
parser.add_argument("cranfield")
parser.add_argument("--handbook-db")
parser.add_argument("--sizes-only", action="store_true")
parser.add_argument("--variants-only", action="store_true")
args = parser.parse_args()

docs = [json.loads(line) for line in open(f"{args.cranfield}/corpus.jsonl")]
queries = [json.loads(line) for line in open(f"{args.cranfield}/queries.jsonl")]
qrels = {}
for line in list(open(f"{args.cranfield}/qrels.tsv"))[1:]:
    q, d, g = line.split("\t")
    qrels.setdefault(q, {})[d] = int(g)


def cranfield(subset, index, **settings):
    """Mean nDCG@10 over the queries with a relevant document in `subset`: all, even, odd."""
    kept = {d["id"] for d in subset}
    scores = []
    for q in queries:
        judged = {d: g for d, g in qrels.get(q["id"], {}).items() if d in kept}
        if any(g > 0 for g in judged.values()):
            ranked = [subset[i]["id"] for i, _ in m.search(index, q["text"], 10, **settings)]
            scores.append(m.ndcg(ranked, judged))
    return statistics.mean(scores), statistics.mean(scores[0::2]), statistics.mean(scores[1::2]), len(scores)


if not args.variants_only:
    print("Feedback against corpus size (random subsets of Cranfield, 5 seeds each):")
    print("share  documents  queries  relevant/query  nDCG@10 plain  with feedback  gain    seeds with a gain")
    for share in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        rows = []
        for seed in range(5):
            rnd = random.Random(seed)
            subset = [d for d in docs if rnd.random() < share]
            kept = {d["id"] for d in subset}
            index = m.Index([(d["id"], d["title"], "", d["text"]) for d in subset])
            plain, _, _, count = cranfield(subset, index)
            fed = cranfield(subset, index, feedback=True)[0]
            relevant = [sum(1 for d, g in qrels[q["id"]].items() if d in kept and g > 0) for q in queries
                        if q["id"] in qrels]
            relevant = statistics.mean(r for r in relevant if r)
            rows.append((len(subset), count, relevant, plain, fed))
        mean = [statistics.mean(r[i] for r in rows) for i in range(5)]
        wins = sum(1 for r in rows if r[4] > r[3])
        print(f"{share:<5}  {mean[0]:9.0f}  {mean[1]:7.0f}  {mean[2]:14.1f}  {mean[3]:13.4f}  {mean[4]:13.4f}  "
              f"{mean[4] - mean[3]:+.4f}  {wins}/5", flush=True)

if args.sizes_only:
    sys.exit()

handbook = None
if args.handbook_db:
    db = sqlite3.connect(args.handbook_db)
    chunks = db.execute("SELECT d.uri, c.title, c.heading_path, c.text FROM chunk c "
                        "JOIN document d ON d.id = c.document_id ORDER BY c.id").fetchall()
    handbook = m.Index(chunks)
    questions = []
    for line in open(m.ROOT / "corpora/handbook-questions.md"):
        cells = [c.strip() for c in line.split("|")]
        if len(cells) >= 7 and cells[1].isdigit():
            questions.append((cells[2], cells[4].split(" ; ") + re.findall(r"\(([^)]*)\)", cells[5])))


def answer_rank(question, facts, limit, kept, **settings):
    hits = m.diversify(m.search(handbook, question, limit * 4, **settings), handbook, limit, kept)
    return next((i + 1 for i, (c, _) in enumerate(hits) if any(f in handbook.chunks[c][3] for f in facts)), None)


print("\nFeedback variants (model; forced on whatever the corpus size):")
whole = m.Index([(d["id"], d["title"], "", d["text"]) for d in docs])
variants = [
    ("no feedback", {}),
    ("RM3 as in Mneme (5 chunks, 20 words, original weight 0.5)", dict(feedback=True)),
    ("original weight 0.6", dict(feedback=True, lam=0.6)),
    ("3 feedback chunks", dict(feedback=True, chunks=3)),
    ("10 feedback chunks", dict(feedback=True, chunks=10)),
    ("feedback chunks within 70 % of the best score", dict(feedback=True, relative=0.7)),
    ("words weighted by the share of feedback chunks holding them", dict(feedback=True, agreement=1.0)),
    ("at most 1 feedback chunk per document", dict(feedback=True, per_document=1)),
    ("a document's chunks keep their first order", dict(feedback=True, within_document=True)),
    (f"no feedback under {1000} chunks (Mneme's rule)", dict(feedback=True, min_rows=1000)),
]
print(f"{'variant':62} Cranfield (odd / even)     handbook MRR@5  chat question's rank")
for name, settings in variants:
    mean, even, odd, _ = cranfield(docs, whole, **settings)
    line = f"{name:62} {mean:.4f} ({odd:.4f} / {even:.4f})"
    if handbook:
        ranks = [answer_rank(q, facts, 5, 3, **settings) for q, facts in questions]
        chat = answer_rank("How many vacation days do I get?", ["27 working days"], 8, 3, **settings)
        line += f"  {statistics.mean(1 / r if r else 0 for r in ranks):.3f}           {chat or 'not in 8'}"
    print(line, flush=True)
