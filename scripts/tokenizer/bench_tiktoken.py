#!/usr/bin/env python3
"""tiktoken's single-threaded encode_ordinary throughput on a file (the peer for `tokbench bench`).

    python3 scripts/bench_tiktoken.py scratch/bench.txt [--repeat 3] [--ids-out PREFIX]
"""
import argparse
import os
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import tiktoken_offline  # noqa: E402,F401
import tiktoken  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ids-out")
    args = ap.parse_args()
    text = open(args.input, encoding="utf-8", newline="").read()  # no newline translation
    mb = len(text.encode()) / 1e6
    for name in ["cl100k_base", "o200k_base"]:
        t0 = time.perf_counter()
        enc = tiktoken.get_encoding(name)
        load = time.perf_counter() - t0
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            ids = enc.encode_ordinary(text)  # single-threaded (encode_ordinary_batch would use threads)
            best = min(best, time.perf_counter() - t)
        print(f"tiktoken {tiktoken.__version__} {name}: {mb:.2f} MB in {best:.3f} s best of {args.repeat} = "
              f"{mb / best:.2f} MB/s, {len(ids)} tokens (load {load * 1000:.0f} ms)")
        if args.ids_out:
            with open(f"{args.ids_out}.{name}.bin", "wb") as f:
                f.write(struct.pack(f"<{len(ids)}I", *ids))


if __name__ == "__main__":
    main()
