#!/usr/bin/env python3
"""The experiments behind Mneme's pseudo-relevance feedback (docs/benchmarks.md, "Retrieval (issue 4)").
A Python model of Mneme's ranking on Cranfield: Snowball English stems (`pip install snowballstemmer`),
the Snowball stop list of Sources/MnemeStemming, columns title (weight 2) and text, BM25 k1 1.2 b 0.75 with
FTS5's idf, RM3 feedback. Prints a grid of feedback settings with 2-fold cross-validation (settings chosen
on the odd queries scored on the even ones and the reverse), the rarest-terms selection budgets, and
re-ranking depths. Usage: cranfield_feedback.py CRANFIELD_DIR"""
import collections
import itertools
import json
import math
import pathlib
import re
import sys

import snowballstemmer

folder = sys.argv[1]
lists = (pathlib.Path(__file__).resolve().parent.parent / "Sources/MnemeStemming/StopWords+Lists.swift").read_text()
STOP = set(re.search(r'englishList = """(.*?)"""', lists, re.S).group(1).replace("\\", " ").split())
stemmer = snowballstemmer.stemmer("english")
cache = {}


def stem(word):
    if word not in cache:
        cache[word] = stemmer.stemWord(word) if re.fullmatch(r"[a-z']+", word) else word
    return cache[word]


def tokens(text):
    return [stem(w) for w in re.findall(r"[^\W_]+", text.lower())]


docs = [json.loads(line) for line in open(f"{folder}/corpus.jsonl")]
queries = [json.loads(line) for line in open(f"{folder}/queries.jsonl")]
qrels = {}
for line in list(open(f"{folder}/qrels.tsv"))[1:]:
    q, d, g = line.split("\t")
    qrels.setdefault(q, {})[d] = int(g)
cols = [(collections.Counter(tokens(d["title"])), collections.Counter(tokens(d["text"]))) for d in docs]
lens = [sum(t.values()) + sum(x.values()) for t, x in cols]
N, avgdl = len(docs), sum(lens) / len(docs)
df, post = collections.Counter(), collections.defaultdict(list)
for i, (t, x) in enumerate(cols):
    for term in set(t) | set(x):
        df[term] += 1
        post[term].append(i)


def idf(term):
    value = math.log((N - df[term] + 0.5) / (df[term] + 0.5))
    return value if value > 0 else 1e-6


def ndcg(ranked, judged):
    dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted((2 ** g - 1 for g in judged.values()), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def score(weights, candidates, limit):
    out = []
    for d in candidates:
        t, x = cols[d]
        norm = 1.2 * (0.25 + 0.75 * lens[d] / avgdl)
        s = 0.0
        for term, w in weights.items():
            f = 2 * t.get(term, 0) + x.get(term, 0)
            if f:
                s += w * idf(term) * f * 2.2 / (f + norm)
        out.append((d, s))
    return sorted(out, key=lambda kv: (-kv[1], kv[0]))[:limit]


def search(text, budget=10 ** 9, fb_docs=5, fb_terms=20, lam=0.5, max_share=0.25, depth=None, feedback=True):
    words = [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in STOP]
    q = {stem(w): 1.0 for w in words if stem(w) in df}
    if not q:
        return []
    chosen, total = [], 0
    for term in sorted(q, key=lambda t: df[t]):
        if chosen and total + df[term] > budget:
            break
        chosen.append(term)
        total += df[term]
    candidates = set(d for term in chosen for d in post[term])
    first = score(q, candidates, depth or 10 ** 9)
    if not feedback or not first:
        return first[:10]
    rel, best = collections.Counter(), first[0][1]
    for d, s in first[:fb_docs]:
        tf = cols[d][0] + cols[d][1]
        length = sum(tf.values())
        for term, c in tf.items():
            if term not in STOP and len(term) >= 3 and term.isalpha() and df[term] <= max_share * N:
                rel[term] += math.exp(s - best) * c / length
    added = dict(rel.most_common(fb_terms))
    weights = collections.defaultdict(float)
    for term in q:
        weights[term] += lam / len(q)
    for term, v in added.items():
        weights[term] += (1 - lam) * v / (sum(added.values()) or 1)
    pool = [d for d, _ in first] if depth else candidates
    return score(weights, pool, 10)


def evaluate(run, half=None):
    picked = [q for i, q in enumerate(queries) if half is None or i % 2 == half]
    return sum(ndcg([docs[d]["id"] for d, _ in run(q["text"])], qrels.get(q["id"], {})) for q in picked) / len(picked)


print(f"no feedback                     {evaluate(lambda t: search(t, feedback=False)):.4f}")
grid = list(itertools.product((5, 10), (10, 20, 30), (0.4, 0.5, 0.6)))
results = [(evaluate(lambda t: search(t, 10 ** 9, *g), 0), evaluate(lambda t: search(t, 10 ** 9, *g), 1), g)
           for g in grid]
for even, odd, g in results:
    print(f"feedback docs {g[0]:2} terms {g[1]} original weight {g[2]}: {(even + odd) / 2:.4f}")
on_even = max(results, key=lambda r: r[0])
on_odd = max(results, key=lambda r: r[1])
print(f"2-fold cross-validated nDCG@10: {(on_even[1] + on_odd[0]) / 2:.4f} (chosen {on_even[2]} and {on_odd[2]})")
for budget in (4096, 2048, 1024, 512):
    print(f"selection budget {budget}: {evaluate(lambda t: search(t, budget)):.4f}")
for depth in (20, 50, 100):
    print(f"re-rank the first {depth}: {evaluate(lambda t: search(t, depth=depth)):.4f}")
