#!/usr/bin/env python3
"""Writes Tests/MnemeTokenizerTests/Fixtures/golden.json: generated multilingual samples with the token ids
that the official `tiktoken` package gives for cl100k_base and o200k_base (encode_ordinary, plus
encode(allowed_special="all") for samples that contain "<|").

    pip install tiktoken==0.14.0
    python3 scripts/make_golden.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import gen_corpus  # noqa: E402
import tiktoken_offline  # noqa: E402,F401
import tiktoken  # noqa: E402

OUT = os.path.join(tiktoken_offline.PACKAGE, "Tests", "MnemeTokenizerTests", "Fixtures", "golden.json")


def fnv1a64(ids):
    """FNV-1a (64-bit) over the ids as little-endian u32 bytes; the Swift test computes the same."""
    h = 0xCBF29CE484222325
    for t in ids:
        for b in t.to_bytes(4, "little"):
            h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def lcg_word(length):
    """A long pseudo-random word (one pre-tokenizer piece with varied merges); the Swift test rebuilds it."""
    alphabet = "abcdefghijklmnopqrstuvwxyzéß"
    x, out = 42, []
    for _ in range(length):
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        out.append(alphabet[(x >> 33) % len(alphabet)])
    return "".join(out)


def main():
    samples = gen_corpus.generate(seed=20251125, target_bytes=38_000, max_fragments=30)
    encodings = {name: tiktoken.get_encoding(name) for name in ["cl100k_base", "o200k_base"]}
    records = []
    for text in samples:
        record = {"text": text}
        for name, enc in encodings.items():
            record[name] = enc.encode_ordinary(text)
            if "<|" in text:
                record[name + "/all"] = enc.encode(text, allowed_special="all")
        records.append(record)
    pathological = []
    cases = [("a", 100_000), ("\u0301", 100_000), ("\U0001F600", 100_000), ("\u01c5", 100_000), (" ", 1_000_000), (" ", 999_999, "x"), ("\u00a0", 200_000),
             ("\u6211", 100_000), ("\x00", 100_000), ("1", 100_000), ("!", 100_000), ("\n", 100_000),
             (" \t", 50_000), ("ab", 60_000), ("lcg", 200_000), ("\r\n", 40_000), ("x" * 7 + "\u200d", 20_000)]
    for case in cases:
        unit, times = case[0], case[1]
        suffix = case[2] if len(case) > 2 else ""
        text = lcg_word(times) if unit == "lcg" else unit * times + suffix
        record = {"unit": unit, "times": times, "suffix": suffix}
        for name, enc in encodings.items():
            try:
                ids = enc.encode_ordinary(text)
            except BaseException as error:  # tiktoken's regex engine panics on some inputs (stack overflow)
                record[name] = {"tiktoken_error": str(error)[:120]}
                continue
            record[name] = {"count": len(ids), "fnv1a64": fnv1a64(ids)}
        pathological.append(record)
    doc = {"generator": "scripts/make_golden.py (seed 20251125)", "tiktoken": tiktoken.__version__, "samples": records, "pathological": pathological}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(records)} samples, {sum(len(s.encode()) for s in samples)} text bytes, "
          f"{os.path.getsize(OUT)} bytes written to {OUT}")


if __name__ == "__main__":
    main()
