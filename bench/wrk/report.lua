-- Prints one machine-readable line after a run: requests/s, median and p95 latency (ms), errors.
-- A GraphQL answer with "errors" counts as an error, as does any non-2xx status.
bad = 0  -- a global of each thread, read by done() through thread:get
local show = os.getenv("WRK_SHOW_ERRORS") == "1"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status < 200 or status > 299 or (body and string.find(body, '"errors"', 1, true)) then
    bad = bad + 1
    if show and bad <= 2 then
      io.write("ERROR " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, thread in ipairs(threads) do
    errors = errors + (thread:get("bad") or 0)
  end
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    errors, summary.requests))
end
