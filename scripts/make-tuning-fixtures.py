#!/usr/bin/env python3
"""Writes the deliberately broken training files of Tests/MnemeTuningTests/Fixtures.

Each file holds valid examples and one broken line (or file-level problem) of one error class;
MnemeTuningTests/ValidatorFixtureTests.swift lists the class and the line each must be reported at.
Run from the repository root: python3 scripts/make-tuning-fixtures.py
"""
import json, os

OUT = "Tests/MnemeTuningTests/Fixtures"
SYSTEM = "You are Lumen, the assistant of Northwind Lumen."
FACTS = [
    ("How many vacation days do I get?", "27 working days a year, plus public holidays."),
    ("What are core hours?", "From 10:00 to 15:00 local time."),
    ("Where do I submit expenses?", "In Ledgerly, within 30 days of the purchase."),
    ("How long must a password be?", "At least 14 characters; a passphrase works well."),
    ("What does a Beacon cost?", "The Beacon is 149 euros and the Beacon Pro 229 euros."),
    ("How many Beacons fit on one Hub?", "Up to 60 Beacons within about 30 metres."),
    ("Is there a free trial of Lumen Cloud?", "Yes, thirty days with up to ten Beacons."),
    ("When is the all-hands?", "The first Thursday of the month at 15:00 CET."),
    ("Which Wi-Fi should laptops use?", "Lumen-Staff, signed in with your SSO account."),
    ("How do I print a document?", "Send it to Lumen-Print and tap your badge on a printer."),
    ("Can I work from abroad?", "For up to 30 working days a year, with the Harbor form."),
    ("What is the hotel limit in Rotterdam?", "Up to 160 euros per night."),
]

def oai(q, a, system=True):
    msgs = ([{"role": "system", "content": SYSTEM}] if system else []) + [
        {"role": "user", "content": q}, {"role": "assistant", "content": a}]
    return {"messages": msgs}

def vtx(q, a):
    return {"systemInstruction": {"role": "system", "parts": [{"text": SYSTEM}]},
            "contents": [{"role": "user", "parts": [{"text": q}]}, {"role": "model", "parts": [{"text": a}]}]}

def dump(value):
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))

def write(name, lines):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("".join(dump(line) + "\n" for line in lines))

def with_broken(make, count, line, broken):
    """`count` valid examples with `broken` inserted as line `line` (1-based)."""
    lines = [make(*FACTS[i]) for i in range(count)]
    lines.insert(line - 1, broken)
    return lines

q, a = "Who owns the handbook?", "People Operations, together with IT."
write("openai/valid.jsonl", [oai(*fact) for fact in FACTS])
write("openai/invalid_json.jsonl", with_broken(oai, 10, 4, '{"messages": [{"role": "user", "content": "Hi"}'))
write("openai/blank_line.jsonl", with_broken(oai, 10, 6, ""))
write("openai/data_type.jsonl", with_broken(oai, 10, 3, ["not", "an", "object"]))
write("openai/missing_messages_list.jsonl", with_broken(oai, 10, 7, {"messages": []}))
write("openai/message_missing_key.jsonl", with_broken(oai, 10, 5, {"messages": [
    {"role": "user", "content": q}, {"role": "assistant"}]}))
write("openai/message_unrecognized_key.jsonl", with_broken(oai, 10, 2, {"messages": [
    {"role": "user", "content": q}, {"role": "assistant", "content": a, "tone": "warm"}]}))
write("openai/unrecognized_role.jsonl", with_broken(oai, 10, 8, {"messages": [
    {"role": "user", "content": q}, {"role": "bot", "content": a}, {"role": "assistant", "content": a}]}))
write("openai/missing_content.jsonl", with_broken(oai, 10, 9, {"messages": [
    {"role": "user", "content": q}, {"role": "assistant", "content": ""}]}))
write("openai/example_missing_assistant_message.jsonl", with_broken(oai, 10, 3, {"messages": [
    {"role": "system", "content": SYSTEM}, {"role": "user", "content": q}]}))
write("openai/empty_assistant_turn.jsonl", with_broken(oai, 10, 10, {"messages": [
    {"role": "user", "content": q}, {"role": "assistant", "content": "   \n"}]}))
write("openai/invalid_weight.jsonl", with_broken(oai, 10, 4, {"messages": [
    {"role": "user", "content": q}, {"role": "assistant", "content": a, "weight": 2}]}))
write("openai/weight_on_user.jsonl", with_broken(oai, 10, 6, {"messages": [
    {"role": "user", "content": q, "weight": 1}, {"role": "assistant", "content": a}]}))
write("openai/invalid_tool_call.jsonl", with_broken(oai, 10, 5, {"messages": [
    {"role": "user", "content": "Book a desk in Rotterdam"},
    {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {
        "name": "book_desk", "arguments": {"office": "Rotterdam"}}}]},
    {"role": "tool", "tool_call_id": "c1", "content": "booked"},
    {"role": "assistant", "content": "Your desk is booked."}]}))
write("openai/unrecognized_key.jsonl", with_broken(oai, 10, 3, dict(oai(q, a), metadata={"source": "crm"})))
write("openai/wrong_format.jsonl", with_broken(oai, 10, 2, vtx(q, a)))
write("openai/too_few_examples.jsonl", [oai(*FACTS[i]) for i in range(9)])
write("openai/missing_system_message.jsonl", with_broken(oai, 10, 3, oai(q, a, system=False)))
write("openai/missing_user_message.jsonl", with_broken(oai, 10, 4, {"messages": [
    {"role": "system", "content": SYSTEM}, {"role": "assistant", "content": a}]}))
write("openai/role_alternation.jsonl", with_broken(oai, 10, 6, {"messages": [
    {"role": "system", "content": SYSTEM}, {"role": "user", "content": q}, {"role": "user", "content": "Anyone?"},
    {"role": "assistant", "content": a}]}))
write("openai/deprecated_role.jsonl", with_broken(oai, 10, 7, {"messages": [
    {"role": "user", "content": q}, {"role": "assistant", "content": None, "function_call": {
        "name": "lookup", "arguments": "{}"}},
    {"role": "function", "name": "lookup", "content": "People Operations"}, {"role": "assistant", "content": a}]}))
write("openai/nothing_to_train.jsonl", with_broken(oai, 10, 5, {"messages": [
    {"role": "user", "content": q}, {"role": "assistant", "content": a, "weight": 0}]}))
dup = [oai(*FACTS[i]) for i in range(10)]
dup.insert(8, oai(*FACTS[1]))
write("openai/duplicate_example.jsonl", dup)
near_q = "Could you tell me how many days of paid vacation a full-time employee receives each calendar year here?"
near_a = "Full-time employees receive twenty-seven working days of paid vacation per calendar year, on top of public holidays."
near = [oai(*FACTS[i]) for i in range(10)]
near.insert(0, oai(near_q, near_a))
near.insert(6, oai(near_q, near_a.replace("receive", "get")))
write("openai/near_duplicate.jsonl", near)
write("openai/over_token_limit.jsonl", with_broken(oai, 10, 4, oai("Repeat the word lumen many times.", "lumen " * 4200)))
write("openai/overlap_train.jsonl", [oai(*FACTS[i]) for i in range(10)])
write("openai/overlap_validation.jsonl", [oai(*FACTS[10]), oai(*FACTS[3]), oai(*FACTS[11])])

write("vertex/valid.jsonl", [vtx(*fact) for fact in FACTS])
write("vertex/unrecognized_role.jsonl", with_broken(vtx, 10, 3, {"contents": [
    {"role": "user", "parts": [{"text": q}]}, {"role": "assistant", "parts": [{"text": a}]}]}))
write("vertex/invalid_part.jsonl", with_broken(vtx, 10, 4, {"contents": [
    {"role": "user", "parts": [{"text": q}]}, {"role": "model", "parts": [{"inlineData": "AAAA"}]}]}))
write("vertex/wrong_format.jsonl", with_broken(vtx, 10, 2, oai(q, a)))
write("vertex/missing_messages_list.jsonl", with_broken(vtx, 10, 6, {"systemInstruction": {"parts": [{"text": SYSTEM}]}, "contents": []}))
write("vertex/empty_assistant_turn.jsonl", with_broken(vtx, 10, 8, {"contents": [
    {"role": "user", "parts": [{"text": q}]}, {"role": "model", "parts": [{"text": "  "}]}]}))
write("vertex/example_missing_assistant_message.jsonl", with_broken(vtx, 10, 9, {"contents": [
    {"role": "user", "parts": [{"text": q}]}]}))
print("fixtures written to", OUT)
