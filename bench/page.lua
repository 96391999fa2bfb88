-- wrk script of bench/web.sh: sends the signed-in cookie, counts every answer that is not 2xx (wrk itself counts
-- only 4xx/5xx, and a redirect to the sign-in page would otherwise pass as a fast success), and writes the figures
-- of the run as key=value lines to the file named by BENCH_RESULT.

local cookie = os.getenv("BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept-Language"] = "en-US"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not2xx = 0
  statuses = {}
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not2xx = not2xx + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad, codes = 0, {}
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not2xx")
    for status, count in pairs(thread:get("statuses")) do
      codes[status] = (codes[status] or 0) + count
    end
  end

  local seen = {}
  for status, count in pairs(codes) do
    table.insert(seen, string.format("%d:%d", status, count))
  end
  table.sort(seen)

  local errors = summary.errors
  local out = assert(io.open(os.getenv("BENCH_RESULT"), "w"))
  out:write(string.format("requests=%d\n", summary.requests))
  out:write(string.format("duration_us=%d\n", summary.duration))
  out:write(string.format("bytes=%d\n", summary.bytes))
  out:write(string.format("mean_us=%d\n", summary.requests > 0 and latency.mean or 0))
  out:write(string.format("p50_us=%d\n", summary.requests > 0 and latency:percentile(50) or 0))
  out:write(string.format("p95_us=%d\n", summary.requests > 0 and latency:percentile(95) or 0))
  out:write(string.format("p99_us=%d\n", summary.requests > 0 and latency:percentile(99) or 0))
  out:write(string.format("not2xx=%d\n", bad))
  out:write(string.format("socket_errors=%d\n", errors.connect + errors.read + errors.write + errors.timeout))
  out:write(string.format("timeouts=%d\n", errors.timeout))
  out:write(string.format("statuses=%s\n", table.concat(seen, ",")))
  out:close()
end
