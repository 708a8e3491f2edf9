#!/usr/bin/env python3
"""Benchmark: `mneme tune validate` against OpenAI's data-preparation cookbook in Python.

The peer is the cookbook's notebook code (examples/Chat_finetuning_data_prep.ipynb): json.loads per
line, its format-error checks, its warnings, num_tokens_from_messages with the official tiktoken
(o200k_base, loaded offline from this repository's vocabulary), the per-example statistics and the
epoch rule. Both run on the same generated file; the script checks that both count the same tokens.

    swift build -c release --product mneme
    pip install tiktoken
    python3 scripts/bench_tune_validate.py [EXAMPLES]     # default 20000
"""
import hashlib, json, os, random, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNEME = os.path.join(ROOT, ".build", "release", "mneme")

# tiktoken caches a vocabulary under the sha1 of its download URL: copy the bundled one there.
CACHE = tempfile.mkdtemp(prefix="tiktoken-cache-")
URL = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
shutil.copyfile(os.path.join(ROOT, "Sources", "MnemeTokenizer", "Resources", "o200k_base.tiktoken"),
                os.path.join(CACHE, hashlib.sha1(URL.encode()).hexdigest()))
os.environ["TIKTOKEN_CACHE_DIR"] = CACHE
import tiktoken  # noqa: E402


def make_file(path, count):
    rng = random.Random(1)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(5000)]
    with open(path, "w") as f:
        for _ in range(count):
            question = " ".join(rng.choice(words) for _ in range(15))
            answer = " ".join(rng.choice(words) for _ in range(40))
            f.write(json.dumps({"messages": [
                {"role": "system", "content": "You are Lumen, the assistant of Northwind Lumen."},
                {"role": "user", "content": question}, {"role": "assistant", "content": answer}]}) + "\n")


def cookbook(path):
    """The cookbook's checks, counts and statistics; returns the total tokens."""
    encoding = tiktoken.get_encoding("o200k_base")
    with open(path) as f:
        dataset = [json.loads(line) for line in f]
    format_errors = {}
    for ex in dataset:
        def error(key):
            format_errors[key] = format_errors.get(key, 0) + 1
        if not isinstance(ex, dict):
            error("data_type"); continue
        messages = ex.get("messages", None)
        if not messages:
            error("missing_messages_list"); continue
        for message in messages:
            if "role" not in message or "content" not in message:
                error("message_missing_key")
            if any(k not in ("role", "content", "name", "function_call", "weight") for k in message):
                error("message_unrecognized_key")
            if message.get("role", None) not in ("system", "user", "assistant", "function"):
                error("unrecognized_role")
            content = message.get("content", None)
            function_call = message.get("function_call", None)
            if (not content and not function_call) or not isinstance(content, str):
                error("missing_content")
        if not any(message.get("role", None) == "assistant" for message in messages):
            error("example_missing_assistant_message")

    def num_tokens_from_messages(messages, tokens_per_message=3, tokens_per_name=1):
        num_tokens = 0
        for message in messages:
            num_tokens += tokens_per_message
            for key, value in message.items():
                num_tokens += len(encoding.encode(value))
                if key == "name":
                    num_tokens += tokens_per_name
        return num_tokens + 3

    def num_assistant_tokens_from_messages(messages):
        return sum(len(encoding.encode(m["content"])) for m in messages if m["role"] == "assistant")

    def quantile(values, q):
        ordered = sorted(values)
        position = q * (len(ordered) - 1)
        lower = int(position)
        upper = min(lower + 1, len(ordered) - 1)
        return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)

    n_missing_system = n_missing_user = 0
    n_messages, convo_lens, assistant_message_lens = [], [], []
    for ex in dataset:
        messages = ex["messages"]
        if not any(m["role"] == "system" for m in messages):
            n_missing_system += 1
        if not any(m["role"] == "user" for m in messages):
            n_missing_user += 1
        n_messages.append(len(messages))
        convo_lens.append(num_tokens_from_messages(messages))
        assistant_message_lens.append(num_assistant_tokens_from_messages(messages))
    for values in (n_messages, convo_lens, assistant_message_lens):
        _ = (min(values), max(values), statistics.mean(values), statistics.median(values),
             quantile(values, 0.1), quantile(values, 0.9))
    limit = 65536
    n_too_long = sum(length > limit for length in convo_lens)
    n_epochs = 3
    n_train = len(dataset)
    if n_train * n_epochs < 100:
        n_epochs = min(25, 100 // n_train)
    elif n_train * n_epochs > 25000:
        n_epochs = max(1, 25000 // n_train)
    billed = n_epochs * sum(min(limit, length) for length in convo_lens)
    return sum(convo_lens), format_errors, n_too_long, billed


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    if not os.path.exists(MNEME):
        raise SystemExit("build first: swift build -c release --product mneme")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "train.jsonl")
        make_file(path, count)
        size = os.path.getsize(path)
        mneme_times, peer_times = [], []
        mneme_tokens = peer_tokens = None
        for _ in range(3):
            start = time.perf_counter()
            out = subprocess.run([MNEME, "tune", "validate", path, "--for", "openai", "--model", "gpt-4o-mini", "--json"],
                                 capture_output=True, text=True)
            mneme_times.append(time.perf_counter() - start)
            mneme_tokens = json.loads(out.stdout)["statistics"]["tokens"]
            start = time.perf_counter()
            peer_tokens, errors, _, _ = cookbook(path)
            peer_times.append(time.perf_counter() - start)
        mneme, peer = statistics.median(mneme_times), statistics.median(peer_times)
        print(f"{count} examples, {size / 1e6:.1f} MB, tokens: Mneme {mneme_tokens}, cookbook {peer_tokens}"
              f" ({'equal' if mneme_tokens == peer_tokens else 'DIFFERENT'}); cookbook errors: {errors or 'none'}")
        print(f"| validate {count} examples (median of 3) | {mneme:.2f} s | {peer:.2f} s | {peer / mneme:.2f}x |")


if __name__ == "__main__":
    main()
