"""Drives a loopback Gemini stub with the official `google-genai` SDK; prints one JSON line of what it saw."""
import json
import sys

from google import genai
from google.genai import errors, types

client = genai.Client(
    api_key="probe-key", http_options=types.HttpOptions(base_url=sys.argv[1], api_version="v1beta")
)
result = {}

response = client.models.generate_content(
    model="gemini-2.5-flash",
    contents="Hi",
    config=types.GenerateContentConfig(system_instruction="Be terse."),
)
result["text"] = response.text
result["finish"] = response.candidates[0].finish_reason.value if response.candidates[0].finish_reason else None
result["usage"] = [response.usage_metadata.prompt_token_count, response.usage_metadata.candidates_token_count]

pieces = []
last_usage = None
for chunk in client.models.generate_content_stream(model="gemini-2.5-flash", contents="Hi"):
    if chunk.text:
        pieces.append(chunk.text)
    if chunk.usage_metadata and chunk.usage_metadata.prompt_token_count is not None:
        last_usage = chunk.usage_metadata
result["streamed"] = "".join(pieces)
result["stream_usage"] = [last_usage.prompt_token_count, last_usage.candidates_token_count] if last_usage else None

try:
    client.models.generate_content(model="missing", contents="Hi")
except errors.APIError as error:
    result["error"] = [error.code, error.status]

print(json.dumps(result))
