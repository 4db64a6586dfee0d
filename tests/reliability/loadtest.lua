-- wrk script for `make loadtest`: each request is a random path from the mix file
-- (one path per line, weighted by repetition); counts 5xx and other non-2xx per thread
-- and prints one JSON line with the totals and latency percentiles at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("LOADTEST_MIX")) do
    table.insert(paths, line)
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  server_errors, client_errors, timeouts_503 = 0, 0, 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
    if status == 503 then timeouts_503 = timeouts_503 + 1 end
  elseif status >= 400 then
    client_errors = client_errors + 1
  end
end

function done(summary, latency, requests)
  local s5, s4, s503 = 0, 0, 0
  for _, thread in ipairs(threads) do
    s5 = s5 + thread:get("server_errors")
    s4 = s4 + thread:get("client_errors")
    s503 = s503 + thread:get("timeouts_503")
  end
  local errors = summary.errors
  io.write(string.format(
    'LOADTEST_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "status_5xx": %d, "status_503": %d, "status_4xx": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, s5, s503, s4,
    errors.connect, errors.read, errors.write, errors.timeout))
end
