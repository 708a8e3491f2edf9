"""Drives a loopback Anthropic stub with the official `anthropic` SDK; prints one JSON line of what it saw."""
import json
import sys

import anthropic

client = anthropic.Anthropic(base_url=sys.argv[1], api_key="sk-ant-probe", max_retries=0)
result = {}

message = client.messages.create(
    model="claude-sonnet-4-5", max_tokens=64, system="Be terse.", messages=[{"role": "user", "content": "Hi"}]
)
result["text"] = "".join(block.text for block in message.content if block.type == "text")
result["stop"] = message.stop_reason
result["usage"] = [message.usage.input_tokens, message.usage.output_tokens]

with client.messages.stream(
    model="claude-sonnet-4-5", max_tokens=64, messages=[{"role": "user", "content": "Hi"}]
) as stream:
    result["streamed"] = "".join(stream.text_stream)
    final = stream.get_final_message()
result["stream_usage"] = [final.usage.input_tokens, final.usage.output_tokens]
result["stream_stop"] = final.stop_reason

for model, key in (("missing", "not_found"), ("overloaded", "overloaded")):
    try:
        client.messages.create(model=model, max_tokens=8, messages=[{"role": "user", "content": "Hi"}])
    except anthropic.APIStatusError as error:
        body = error.body if isinstance(error.body, dict) else {}
        result[key] = [error.status_code, body.get("error", {}).get("type")]

print(json.dumps(result))
