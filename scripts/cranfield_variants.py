#!/usr/bin/env python3
"""Query-side variants tried on Cranfield before choosing DocumentQuery's strategy (docs/benchmarks.md).
Plain SQLite FTS5 with tokenize='porter unicode61' (Python cannot load Mneme's Swift tokenizer), the
Snowball English stop list from Sources/MnemeStemming/StopWords+Lists.swift, nDCG@10 with gain 2^g-1.
Usage: cranfield_variants.py CRANFIELD_DIR"""
import collections
import json
import math
import pathlib
import re
import sqlite3
import sys

folder = sys.argv[1]
lists = (pathlib.Path(__file__).resolve().parent.parent / "Sources/MnemeStemming/StopWords+Lists.swift").read_text()
english = re.search(r'englishList = """(.*?)"""', lists, re.S).group(1)
STOP = set(english.replace("\\", " ").split())
docs = [json.loads(line) for line in open(f"{folder}/corpus.jsonl")]
queries = [json.loads(line) for line in open(f"{folder}/queries.jsonl")]
qrels = {}
for line in list(open(f"{folder}/qrels.tsv"))[1:]:
    q, d, g = line.split("\t")
    qrels.setdefault(q, {})[d] = int(g)
db = sqlite3.connect(":memory:")
db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, tokenize='porter unicode61')")
db.executemany("INSERT INTO docs VALUES (?, ?, ?)", [(d["id"], d["title"], d["text"]) for d in docs])
N = len(docs)
df = collections.Counter(t for d in docs for t in set(re.findall(r"[a-z]+", d["text"])))


def ndcg(ranked, judged):
    dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted((2 ** g - 1 for g in judged.values()), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def words(text, stop):
    return [w for w in re.findall(r"\w+", text) if not (stop and w.lower() in STOP)]


def search(match, title_weight, limit=10):
    return db.execute(f"SELECT id, text FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, {title_weight}, 1) "
                      "LIMIT ?", (match, limit)).fetchall()


def run(build, title_weight=1.0, feedback=None):
    total = 0.0
    for q in queries:
        rows = search(build(q["text"]), title_weight)
        if feedback:
            docs_used, extra_terms = feedback
            terms = list(dict.fromkeys(w.lower() for w in words(q["text"], True)))
            weights = collections.Counter()
            for _, text in rows[:docs_used]:
                tf = collections.Counter(t for t in re.findall(r"[a-z]+", text) if t not in STOP and len(t) > 2)
                for t, c in tf.items():
                    weights[t] += c / sum(tf.values()) * math.log(N / df[t])
            extra = [t for t, _ in weights.most_common(extra_terms + len(terms)) if t not in terms][:extra_terms]
            match = " OR ".join([f'"{t}"' for t in terms for _ in range(2)] + [f'"{t}"' for t in extra])
            rows = search(match, title_weight)
        total += ndcg([r[0] for r in rows], qrels.get(q["id"], {}))
    return total / len(queries)


def near(text):
    ws = words(text, True)
    return " OR ".join([f'"{w}"' for w in ws] + [f'NEAR("{a}" "{b}", 3)' for a, b in zip(ws, ws[1:])])


def bigrams(text):
    ws = words(text, True)
    return " OR ".join([f'"{w}"' for w in ws] + [f'"{a} {b}"' for a, b in zip(ws, ws[1:])])


plain = lambda t: " OR ".join(f'"{w}"' for w in words(t, False))
no_stop = lambda t: " OR ".join(f'"{w}"' for w in words(t, True))
print(f"baseline, OR of all terms                        {run(plain):.4f}")
print(f"stop words dropped                               {run(no_stop):.4f}")
print(f"stop words dropped, title weight 2 (kept)        {run(no_stop, 2):.4f}")
print(f"+ NEAR pairs of neighbouring words               {run(near, 2):.4f}")
print(f"+ quoted bigrams                                 {run(bigrams, 2):.4f}")
print(f"+ feedback: top 3 docs, 5 terms, originals x2    {run(no_stop, 2, (3, 5)):.4f}")
