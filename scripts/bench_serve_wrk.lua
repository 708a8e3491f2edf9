-- wrk load for `mneme serve`: streaming chat completions spread over 500 users.
-- MNEME_KEY=mneme-… wrk -t2 -c200 -d20s --latency -s scripts/bench_serve_wrk.lua \
--     http://127.0.0.1:8080/v1/chat/completions
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("MNEME_KEY") or "")

local questions = {
  "Hi, my name is Ada.", "How many vacation days do I get?", "What is the VPN policy?",
  "Remember that I prefer short answers.", "Who approves travel expenses?",
}
local counter = 0

request = function()
  counter = counter + 1
  local body = string.format(
    '{"model":"mneme","user":"wrk-%d","stream":true,"messages":[{"role":"user","content":"%s"}]}',
    counter % 500, questions[(counter % #questions) + 1])
  return wrk.format(nil, nil, nil, body)
end
