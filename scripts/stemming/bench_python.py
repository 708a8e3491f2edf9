#!/usr/bin/env python3
"""Peer benchmark for stembench: stems the words of the given word<TAB>stem files with the
pure-Python reference `snowballstemmer` and prints one JSON object per language.

Usage: python3 scripts/bench_python.py ENGLISH.tsv RUSSIAN.tsv [passes]
"""
import json
import sys
import time

import snowballstemmer


def load(path):
    with open(path, encoding="utf-8") as f:
        return [l.split("\t")[0] for l in f.read().split("\n") if l and not l.startswith("#")]


def bench(lang, words, passes):
    stemmer = snowballstemmer.stemmer(lang)
    stemmer.stemWords(words)  # warm-up
    start = time.perf_counter()
    for _ in range(passes):
        for w in words:
            stemmer.stemWord(w)
    elapsed = time.perf_counter() - start
    return {"language": lang, "stems": passes * len(words), "seconds": elapsed,
            "stems_per_second": passes * len(words) / elapsed}


if __name__ == "__main__":
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    backend = "PyStemmer (C)" if snowballstemmer.stemmer.__module__ == "Stemmer" else "pure Python"
    for lang, path in (("english", sys.argv[1]), ("russian", sys.argv[2])):
        result = bench(lang, load(path), passes)
        result["backend"] = backend
        print(json.dumps(result))
