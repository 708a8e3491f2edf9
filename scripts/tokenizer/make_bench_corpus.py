#!/usr/bin/env python3
"""Builds a "real-ish" benchmark text (default 6 MB) from files every Python install has: the English
documentation strings of `pydoc_data.topics` (prose), Python standard-library sources (code, comments),
plus ~15% multilingual text from gen_corpus.py. Deterministic for a given Python version.

    python3 scripts/make_bench_corpus.py scratch/bench.txt [--megabytes 6]
"""
import argparse
import glob
import os
import sys
import sysconfig

sys.path.insert(0, os.path.dirname(__file__))
import gen_corpus  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--megabytes", type=float, default=6.0)
    args = ap.parse_args()
    target = int(args.megabytes * 1_000_000)
    import pydoc_data.topics as topics
    prose = "\n\n".join(topics.topics[k] for k in sorted(topics.topics))
    stdlib = sysconfig.get_paths()["stdlib"]
    code_files = sorted(glob.glob(os.path.join(stdlib, "*.py")))
    code = []
    size = 0
    for path in code_files:
        try:
            text = open(path, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        code.append(text)
        size += len(text.encode())
        if size > target * 0.5:
            break
    multilingual = "\n".join(gen_corpus.generate(3, int(target * 0.15), max_fragments=60, include_fixed=False,
                                                 allow_specials=False))
    parts = [prose, "\n".join(code), multilingual]
    body = "\n".join(parts)
    while len(body.encode()) < target:
        body += "\n" + prose
    data = body.encode()[:target].decode("utf-8", "ignore")
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(data)
    print(f"wrote {len(data.encode())} bytes ({len(prose.encode())} prose, {size} code) to {args.out}")


if __name__ == "__main__":
    main()
