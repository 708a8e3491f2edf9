"""A Python model of Mneme's document ranking, shared by the retrieval experiments (docs/benchmarks.md,
"Retrieval (issue 4)"): words as Mneme's tokenizer splits them, Snowball stems (English for Latin words,
Russian for Cyrillic ones, `ё` folded; `pip install snowballstemmer`), the Snowball stop lists of
Sources/MnemeStemming, BM25 over the title, heading-path and text columns with FTS5's idf and column weights,
and RM3 pseudo-relevance feedback re-ranking the first search's best chunks, with the variants tried.
Vectorised with numpy/scipy so a grid of settings over Cranfield takes seconds."""
import collections
import math
import pathlib
import re
import unicodedata

import numpy as np
import scipy.sparse as sp
import snowballstemmer

ROOT = pathlib.Path(__file__).resolve().parent.parent
_lists = (ROOT / "Sources/MnemeStemming/StopWords+Lists.swift").read_text()


def _stop_list(name):
    return set(re.search(name + r' = """(.*?)"""', _lists, re.S).group(1).replace("\\", " ").split())


STOP = _stop_list("englishList") | {w.replace("ё", "е") for w in _stop_list("russianList")} | _stop_list(
    "russianList")
_english = snowballstemmer.stemmer("english")
_russian = snowballstemmer.stemmer("russian")
_stems = {}
WORD = re.compile(r"[^\W_]+")


def _fold_latin(word):
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def stem(word):
    """The index's stem of a lower-cased word (Stemmer.stem)."""
    if word not in _stems:
        if re.fullmatch(r"[a-z'\u00c0-\u024f]+", word):
            _stems[word] = _english.stemWord(_fold_latin(word))
        elif re.fullmatch(r"[\u0400-\u04ff\u0300-\u036f]+", word):
            _stems[word] = _russian.stemWord(_fold_latin(word.replace("ё", "е")).replace("и\u0306", "й"))
        else:
            _stems[word] = word
    return _stems[word]


def words(text):
    return WORD.findall(text.lower())


def tokens(text):
    return [stem(w) for w in words(text)]


def is_stop(word):
    return word in STOP or word.replace("ё", "е") in STOP


def query_terms(text):
    """DocumentQuery.weightedTerms: content words (all words if every one is a stop word), one per stem."""
    ws = list(dict.fromkeys(words(text)))[:64]
    content = [w for w in ws if not is_stop(w)] or ws
    return list(dict.fromkeys(stem(w) for w in content))


class Index:
    """Chunks as rows: `chunks` is a list of (document, title, headings, text)."""

    def __init__(self, chunks, column_weights=(2.0, 1.5, 1.0)):
        self.chunks = chunks
        self.document = [c[0] for c in chunks]
        self.column_weights = column_weights
        vocab, rows, cols, vals = {}, [], [], []
        self.text_counts = []
        lengths = []
        for i, (_, title, headings, text) in enumerate(chunks):
            freq = collections.Counter()
            length = 0
            for weight, column in zip(column_weights, (title, headings, text)):
                toks = tokens(column)
                length += len(toks)
                for t in toks:
                    freq[t] += weight
            self.text_counts.append(collections.Counter(w for w in words(text)))
            lengths.append(length)
            for t, f in freq.items():
                rows.append(i)
                cols.append(vocab.setdefault(t, len(vocab)))
                vals.append(f)
        self.vocab = vocab
        self.n = len(chunks)
        self.tf = sp.csc_matrix((vals, (rows, cols)), shape=(self.n, len(vocab)))
        self.lengths = np.array(lengths, dtype=float)
        self.avgdl = self.lengths.mean()
        self.df = np.asarray((self.tf > 0).sum(axis=0)).ravel()
        idf = np.log((self.n - self.df + 0.5) / (self.df + 0.5))
        self.idf = np.where(idf > 0, idf, 1e-6)
        self._saturated = {}
        self._chunk_words = {}
        self.first = {}

    def saturated(self, k1=1.2, b=0.75, delta=0.0):
        """The matrix of f·(k1+1)/(f+norm) (+ delta where f > 0: BM25+), rows chunks, columns stems."""
        key = (k1, b, delta)
        if key not in self._saturated:
            m = self.tf.tocoo()
            norm = k1 * (1 - b + b * self.lengths[m.row] / self.avgdl)
            v = m.data * (k1 + 1) / (m.data + norm) + delta
            self._saturated[key] = sp.csc_matrix((v, (m.row, m.col)), shape=m.shape)
        return self._saturated[key]

    def scores(self, weights, rows=None, k1=1.2, b=0.75, delta=0.0):
        """BM25 scores of the rows (all when None) for {stem: weight} (idf applied here)."""
        ids = [self.vocab[t] for t in weights if t in self.vocab]
        w = np.array([weights[t] for t in weights if t in self.vocab]) * self.idf[ids]
        full = self.saturated(k1, b, delta)[:, ids] @ w
        return full if rows is None else full[rows]

    def chunk_words(self, i):
        """(stem, count) of the chunk's text words eligible for feedback, and the chunk's word count."""
        if i not in self._chunk_words:
            counts = collections.Counter()
            total = 0
            for w, c in self.text_counts[i].items():
                total += c
                if len(w) >= 3 and w.isalpha() and not is_stop(w):
                    counts[stem(w)] += c
            self._chunk_words[i] = (counts, total)
        return self._chunk_words[i]


def ranked(scores, rows, limit):
    rows = np.asarray(rows)
    order = np.lexsort((rows, -np.asarray(scores)))[:limit]
    return [(int(rows[j]), float(scores[j])) for j in order]


DEFAULT = dict(feedback=False, chunks=5, terms=20, lam=0.5, max_share=0.25, depth=100, per_document=None,
               agreement=0.0, k1=1.2, b=0.75, delta=0.0, within_document=False, min_rows=0, relative=0.0,
               min_chunks=1)


def search(index, text, limit=10, **settings):
    """Mneme's search: the first ranking (the rows holding a query word), then optionally feedback.

    Feedback variants (defaults give Mneme's RM3):
    - per_document: at most this many feedback chunks from one document;
    - agreement: each added word's weight times (share of feedback chunks holding it) ** agreement;
    - within_document: the expanded query orders documents, but a document's chunks keep the first ranking's
      order among themselves (a chunk takes the expanded score at its first-ranking position);
    - min_rows: no feedback on an index of fewer rows.
    """
    s = dict(DEFAULT, **settings)
    q = [t for t in query_terms(text) if t in index.vocab]
    if not q:
        return []
    weights = {t: 1.0 for t in q}
    key = (text, s["k1"], s["b"], s["delta"])
    if key not in index.first:
        rows = np.unique(index.tf[:, [index.vocab[t] for t in q]].indices)
        index.first[key] = ranked(index.scores(weights, rows, s["k1"], s["b"], s["delta"]), rows, 10 ** 9)
    first = index.first[key]
    if not s["feedback"] or not first or index.n < s["min_rows"]:
        return first[:limit]
    pool = first[: max(limit, s["depth"])]
    picked, per = [], collections.Counter()
    for i, score in pool:
        if s["per_document"] and per[index.document[i]] >= s["per_document"]:
            continue
        if score < s["relative"] * pool[0][1]:
            break
        per[index.document[i]] += 1
        picked.append((i, score))
        if len(picked) == s["chunks"]:
            break
    if len(picked) < s["min_chunks"]:
        return first[:limit]
    best = picked[0][1]
    rel, holders = collections.Counter(), collections.Counter()
    for i, score in picked:
        counts, total = index.chunk_words(i)
        if total == 0:
            continue
        for t, c in counts.items():
            if t in weights:
                continue
            rel[t] += math.exp(score - best) * c / total
            holders[t] += 1
    if s["agreement"]:
        for t in rel:
            rel[t] *= (holders[t] / len(picked)) ** s["agreement"]
    ceiling = s["max_share"] * index.n
    added = {}
    for t, v in sorted(rel.items(), key=lambda kv: (-kv[1], kv[0])):
        if t in index.vocab and index.df[index.vocab[t]] <= ceiling:
            added[t] = v
            if len(added) == s["terms"]:
                break
    total = sum(added.values())
    if not total:
        return first[:limit]
    expanded = {t: s["lam"] / len(q) for t in q}
    for t, v in added.items():
        expanded[t] = (1 - s["lam"]) * v / total
    rows = [i for i, _ in pool]
    again = ranked(index.scores(expanded, rows, s["k1"], s["b"], s["delta"]), rows, 10 ** 9)
    if s["within_document"]:
        # Each document's slots (positions in the expanded ranking) go to its chunks in first-ranking order.
        slots = collections.defaultdict(list)
        for position, (i, score) in enumerate(again):
            slots[index.document[i]].append((position, score))
        order = collections.defaultdict(list)
        for i, _ in pool:
            order[index.document[i]].append(i)
        placed = []
        for d, positions in slots.items():
            for (position, score), i in zip(positions, order[d]):
                placed.append((position, i, score))
        again = [(i, score) for _, i, score in sorted(placed)]
    return again[:limit]


def diversify(hits, index, limit, per_document):
    """Store.diversify: at most per_document chunks of a document unless too few others."""
    kept, overflow, counts = [], [], collections.Counter()
    for i, score in hits:
        d = index.document[i]
        if counts[d] < per_document and len(kept) < limit:
            kept.append((i, score))
            counts[d] += 1
        else:
            overflow.append((i, score))
    if len(kept) < limit:
        kept = sorted(kept + overflow[: limit - len(kept)], key=lambda h: -h[1])
    return kept


def ndcg(ranked_ids, judged):
    dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked_ids[:10]))
    ideal = sorted((2 ** g - 1 for g in judged.values()), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0
