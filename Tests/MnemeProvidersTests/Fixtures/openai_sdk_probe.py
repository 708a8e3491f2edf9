"""Drives a loopback OpenAI stub with the official `openai` SDK; prints one JSON line of what it saw."""
import json
import sys

import openai

base_url = sys.argv[1]
client = openai.OpenAI(base_url=base_url, api_key="sk-probe", max_retries=2)
result = {}

completion = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "system", "content": "Be terse."}, {"role": "user", "content": "Hi"}]
)
result["text"] = completion.choices[0].message.content
result["finish"] = completion.choices[0].finish_reason
result["usage"] = [completion.usage.prompt_tokens, completion.usage.completion_tokens]

pieces = []
usage = None
with client.chat.completions.stream(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], stream_options={"include_usage": True}
) as stream:
    for event in stream:
        if event.type == "content.delta":
            pieces.append(event.delta)
    final = stream.get_final_completion()
    usage = final.usage
result["streamed"] = "".join(pieces)
result["stream_usage"] = [usage.prompt_tokens, usage.completion_tokens] if usage else None

try:
    client.chat.completions.create(model="missing", messages=[{"role": "user", "content": "Hi"}])
except openai.NotFoundError as error:
    result["error"] = [error.status_code, error.body.get("message") if isinstance(error.body, dict) else None]

print(json.dumps(result))
