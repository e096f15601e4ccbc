/**
 * The GCRA Lua script of the Redis limiter: go-redis/redis_rate's allowN algorithm (after rwz/redis-gcra),
 * which go-doudou's redisrate runs (docs/go-doudou-differences.md#rate-limiting), written out here with the same formulas as
 * gcraStep() in rate-limiter.ts. Atomic because Redis runs a script alone.
 *
 * KEYS[1] = the bucket key; ARGV = burst, rate, period (seconds), cost.
 * Returns { allowed 0|1, remaining, retry_after (s, string), reset_after (s, string) } — floats travel
 * as strings because Redis truncates Lua numbers to integers.
 *
 * Differences from redis_rate, on purpose: `allowed` is a flag (redis_rate returns the cost, so a cost-0
 * peek reads as "denied"); a 1 µs tolerance (TIME's resolution) instead of exact float comparison;
 * remaining when denied is the real count instead of 0. Time is Redis TIME, never the app's clock, so app
 * nodes with skewed clocks share one budget.
 */
import { createHash } from 'node:crypto';

export const GCRA_SCRIPT = `
-- TIME followed by a write needs effects replication before Redis 5 (a no-op, deprecated, after).
if redis.replicate_commands then pcall(redis.replicate_commands) end

local key = KEYS[1]
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])

local interval = period / rate
local tolerance = 0.000001

-- Seconds since 2017-01-01 rather than since 1970: keeps microseconds exact in a double.
local t = redis.call('TIME')
local now = (tonumber(t[1]) - 1483228800) + tonumber(t[2]) / 1000000

local tat = tonumber(redis.call('GET', key))
if tat == nil or tat < now then tat = now end

local new_tat = tat + interval * cost
local diff = now - (new_tat - interval * burst)

if diff < -tolerance then
  local left = math.floor((now - (tat - interval * burst) + tolerance) / interval)
  if left < 0 then left = 0 end
  return { 0, left, tostring(-diff), tostring(tat - now) }
end

local reset_after = new_tat - now
if reset_after > 0 then
  redis.call('SET', key, new_tat, 'EX', math.ceil(reset_after)) -- a number arg keeps 17 digits
end
local remaining = math.floor((diff + tolerance) / interval)
if remaining < 0 then remaining = 0 end
return { 1, remaining, '0', tostring(reset_after) }
`;

export const GCRA_SCRIPT_SHA1 = createHash('sha1').update(GCRA_SCRIPT).digest('hex');
