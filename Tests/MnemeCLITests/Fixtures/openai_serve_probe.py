"""Drives a running `mneme serve` with the official `openai` SDK; prints one JSON line of what it saw.

Usage: openai_serve_probe.py BASE_URL CHAT_KEY
"""
import json
import sys

import openai

base_url, key = sys.argv[1], sys.argv[2]
client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)
result = {}

# 1. Non-streaming: a user states their name.
first = client.chat.completions.create(
    model="mneme", user="sdk-ada", messages=[{"role": "user", "content": "Hi, my name is Ada."}]
)
result["first"] = first.choices[0].message.content
result["first_finish"] = first.choices[0].finish_reason
result["first_usage"] = [first.usage.prompt_tokens, first.usage.completion_tokens] if first.usage else None

# 2. Streaming, a new call (a new session): the memory of the same `user` answers.
pieces = []
finish = None
usage = None
stream = client.chat.completions.create(
    model="mneme",
    user="sdk-ada",
    stream=True,
    stream_options={"include_usage": True},
    messages=[{"role": "user", "content": "What is my name?"}],
)
for chunk in stream:
    if chunk.usage:
        usage = [chunk.usage.prompt_tokens, chunk.usage.completion_tokens]
    for choice in chunk.choices:
        if choice.delta.content:
            pieces.append(choice.delta.content)
        if choice.finish_reason:
            finish = choice.finish_reason
result["streamed"] = "".join(pieces)
result["stream_finish"] = finish
result["stream_usage"] = usage

# 3. The SDK's strict stream helper, with a system message and history of the caller's own.
with client.chat.completions.stream(
    model="mneme",
    user="sdk-ada",
    messages=[
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Remember that I like green tea."},
        {"role": "assistant", "content": "Noted."},
        {"role": "user", "content": "Hello again"},
    ],
) as helper:
    for _ in helper:
        pass
    final = helper.get_final_completion()
result["helper"] = final.choices[0].message.content

# 4. Another user has no memory of Ada.
other = client.chat.completions.create(
    model="mneme", user="sdk-bob", messages=[{"role": "user", "content": "What is my name?"}]
)
result["other"] = other.choices[0].message.content

# 5. The session header continues a conversation.
raw = client.chat.completions.with_raw_response.create(
    model="mneme", user="sdk-ada", messages=[{"role": "user", "content": "One"}],
    extra_headers={"X-Mneme-Session": "sdk-session"},
)
result["session_header"] = raw.headers.get("x-mneme-session")

# 6. Models and errors.
result["models"] = [model.id for model in client.models.list()]
try:
    openai.OpenAI(base_url=base_url, api_key="mneme-wrong", max_retries=0).chat.completions.create(
        model="mneme", user="x", messages=[{"role": "user", "content": "Hi"}]
    )
    result["auth_error"] = None
except openai.AuthenticationError as error:
    result["auth_error"] = error.status_code
try:
    client.chat.completions.create(model="mneme", messages=[{"role": "user", "content": "Hi"}])
    result["user_error"] = None
except openai.BadRequestError as error:
    result["user_error"] = [error.status_code, error.code]

print(json.dumps(result))
