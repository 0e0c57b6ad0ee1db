-- wrk script for io.vestibule.bench.JoinBenchmark.
-- Arguments (after "--"): scenario, file of room aliases (one per line), PIN, first source number (so that runs
-- do not share source addresses).
--   keys      GET /api/v1/keys, the trivial endpoint the others are compared with
--   join      POST /api/v1/join/{alias} with the right PIN, round robin over the rooms
--   wrong-pin the same with a wrong PIN: a flood that the rooms' break-in guard soon answers with not_found
--   refresh   POST /api/v1/join/refresh, each answer's token used for the next refresh (tokens are single-use)
-- Requests come from a crowd of 200,000 addresses in 10.0.0.0/8 (X-Forwarded-For; the service trusts loopback as
-- a proxy), so the per-address break-in ledger counts them as it would count real participants, each address
-- staying well under its 20 attempts per 10 minutes.

local threads = {}
local crowd = 200000

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  scenario = args[1]
  pin = args[3]
  first_source = tonumber(args[4] or "0")
  aliases = {}
  for line in io.lines(args[2]) do
    if #line > 0 then aliases[#aliases + 1] = line end
  end
  sent = 0
  statuses = {}
  tokens = {}
end

local function next_source()
  local n = first_source + (thread_number * 99991 + sent) % crowd
  return string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

local function join_request(with_pin)
  local alias = aliases[(thread_number * 7919 + sent) % #aliases + 1]
  local body = '{"displayName":"Load ' .. sent .. '","pin":"' .. with_pin .. '"}'
  return wrk.format("POST", "/api/v1/join/" .. alias,
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = next_source() }, body)
end

function request()
  sent = sent + 1
  if scenario == "keys" then
    return wrk.format("GET", "/api/v1/keys", { ["X-Forwarded-For"] = next_source() })
  elseif scenario == "join" then
    return join_request(pin)
  elseif scenario == "wrong-pin" then
    return join_request("11112222")
  elseif scenario == "refresh" then
    local token = table.remove(tokens)
    if token == nil then
      -- Until every connection holds a participant, join to get one.
      return join_request(pin)
    end
    return wrk.format("POST", "/api/v1/join/refresh",
      { ["Authorization"] = "Bearer " .. token, ["X-Forwarded-For"] = next_source() })
  end
  error("unknown scenario " .. tostring(scenario))
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if scenario == "refresh" and status == 200 then
    local token = string.match(body, '"token"%s*:%s*"([^"]+)"')
    if token then table.insert(tokens, token) end
  end
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    parts[#parts + 1] = string.format('"%d":%d', status, count)
  end
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"durationMicros":%d,"p50Micros":%d,"p90Micros":%d,"p99Micros":%d,"maxMicros":%d,' ..
    '"socketErrors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, errors.connect + errors.read + errors.write + errors.timeout, table.concat(parts, ",")))
end
