#!/usr/bin/env python3
"""The LangChain peer of `mneme bench context`: the closest LangChain equivalent of Mneme's per-turn prompt
assembly, on the files the Swift bench wrote (same turns, facts, examples, chunks and questions).

Per turn (timed): the session's messages from SQLite (SQLChatMessageHistory, made once with a shared
SQLAlchemy engine), the profile facts from SQLite,
BM25Retriever over the document chunks, over the few-shot example inputs and over the messages of older
sessions, trim_messages on the history with a tiktoken (o200k_base) counter to what the budget leaves, a
ChatPromptTemplate, and the final prompt counted with tiktoken. Untimed set-up: loading the files, building
the retrievers (Mneme's equivalent is its FTS5 index, also built before timing) and the history database.

Needs langchain-core, langchain-community, rank_bm25 and tiktoken (pip, in a venv). tiktoken runs offline
with the vocabulary shipped in Sources/MnemeTokenizer/Resources (copied into a private tiktoken cache).

Usage: bench_context_peer.py DATA_DIR VOCABULARY_DIR BUDGET WARMUP   (prints one JSON object)
"""
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time

data_dir, vocabulary_dir, budget, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

# tiktoken looks vocabularies up in its cache under the sha1 of their download URL.
cache = tempfile.mkdtemp(prefix="tiktoken-cache-")
shutil.copy(os.path.join(vocabulary_dir, "o200k_base.tiktoken"),
            os.path.join(cache, "fb374d419588a4632f3f557e76b4b70aebbca790"))
os.environ["TIKTOKEN_CACHE_DIR"] = cache

import tiktoken  # noqa: E402
import langchain_community  # noqa: E402
import langchain_core  # noqa: E402
from langchain_community.chat_message_histories import SQLChatMessageHistory  # noqa: E402
from langchain_community.retrievers import BM25Retriever  # noqa: E402
from langchain_core.messages import AIMessage, HumanMessage, trim_messages  # noqa: E402
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

encoding = tiktoken.get_encoding("o200k_base")


def lines(name):
    with open(os.path.join(data_dir, name), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


turns = lines("turns.jsonl")
examples = lines("examples.jsonl")
chunks = lines("chunks.jsonl")
with open(os.path.join(data_dir, "facts.json"), encoding="utf-8") as handle:
    facts = json.load(handle)
with open(os.path.join(data_dir, "queries.txt"), encoding="utf-8") as handle:
    queries = [line.strip() for line in handle if line.strip()]

# --- Set-up (untimed) -----------------------------------------------------------------------------------
database = os.path.join(data_dir, "peer.sqlite")
engine = create_engine("sqlite:///" + database)
current = max(turn["session"] for turn in turns)
for session in sorted({turn["session"] for turn in turns}):
    history = SQLChatMessageHistory(session_id=str(session), connection=engine)
    messages = []
    for turn in turns:
        if turn["session"] == session:
            messages += [HumanMessage(turn["user"]), AIMessage(turn["assistant"])]
    history.add_messages(messages)
# The current session's history object is made once and reused, as a server would keep it (constructing it
# per turn also checks the schema each time).
session_history = SQLChatMessageHistory(session_id=str(current), connection=engine)
db = sqlite3.connect(database)
db.execute("CREATE TABLE IF NOT EXISTS fact (key TEXT PRIMARY KEY, value TEXT)")
db.executemany("INSERT OR REPLACE INTO fact VALUES (?, ?)", sorted(facts.items()))
db.commit()

documents = BM25Retriever.from_texts([c["text"] for c in chunks], metadatas=[{"title": c["title"]} for c in chunks])
documents.k = 8
example_index = BM25Retriever.from_texts([e["input"] for e in examples], metadatas=examples)
example_index.k = 8
pinned = [e for e in examples if e["pinned"]]
older = [(turn["user"], turn["assistant"]) for turn in turns if turn["session"] != current]
recall = BM25Retriever.from_texts([text for pair in older for text in pair])
recall.k = 8

persona = ("You are Lumen, the assistant of the company. Be brief and friendly. Address the user as there. "
           "Answer from the reference documents when they cover the question, cite them as [title › section], "
           "and say plainly when you do not know.")
template = ChatPromptTemplate.from_messages([
    ("system", "{system}"),
    MessagesPlaceholder("examples"),
    MessagesPlaceholder("history"),
    ("human", "{question}"),
])


def count(messages):
    """OpenAI chat counting: 3 per message plus role and content, 3 to prime the reply."""
    return 3 + sum(3 + len(encoding.encode(m.type)) + len(encoding.encode(m.content)) for m in messages)


def assemble(question, with_documents=True):
    history = session_history.messages
    profile = db.execute("SELECT key, value FROM fact ORDER BY key").fetchall()
    found = documents.invoke(question) if with_documents else []
    shots = pinned + [d.metadata for d in example_index.invoke(question) if not d.metadata["pinned"]]
    recalled = recall.invoke(question)
    system = persona
    system += "\n\n## About the user (profile facts)\n" + "\n".join(f"- {k}: {v}" for k, v in profile)
    system += "\n\n## Earlier conversations with this user\n" + "\n".join("- " + d.page_content for d in recalled)
    if found:
        system += "\n\n## Reference documents\n" + "\n\n".join(
            f'<document id="{i + 1}">\n[source: {d.metadata["title"]}]\n{d.page_content}\n</document>'
            for i, d in enumerate(found))
    example_messages = [m for e in shots for m in (HumanMessage(e["input"]), AIMessage(e["output"]))]
    fixed = count([HumanMessage(system), HumanMessage(question)] + example_messages)
    kept = trim_messages(history, max_tokens=max(0, budget - fixed), token_counter=count, strategy="last",
                         start_on="human", end_on="ai", include_system=False, allow_partial=False)
    prompt = template.invoke({"system": system, "examples": example_messages, "history": kept,
                              "question": question}).to_messages()
    return count(prompt)


def percentiles(samples):
    ordered = sorted(samples)
    def at(p):
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))] * 1000
    return at(50), at(99)


for question in queries[:warmup]:
    assemble(question)
    assemble(question, with_documents=False)
    documents.invoke(question)
timed = queries[warmup:]
results = {"total": [], "docs": [], "no_docs": []}
tokens = 0
for question in timed:
    start = time.perf_counter()
    tokens = assemble(question)
    results["total"].append(time.perf_counter() - start)
    start = time.perf_counter()
    assemble(question, with_documents=False)
    results["no_docs"].append(time.perf_counter() - start)
    start = time.perf_counter()
    documents.invoke(question)
    results["docs"].append(time.perf_counter() - start)
report = {"prompt_tokens": tokens, "turns": len(timed), "langchain_core": langchain_core.__version__,
          "langchain_community": langchain_community.__version__}
for key, samples in results.items():
    report[f"{key}_p50_ms"], report[f"{key}_p99_ms"] = percentiles(samples)
print(json.dumps(report))
shutil.rmtree(cache, ignore_errors=True)
