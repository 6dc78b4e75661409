import { Redis } from 'ioredis';
import type { RateBudget } from './connector';
import { type RateBudgetOptions, rateBudgetSettings } from './in-memory-rate-budget';

// One hash per token: remaining, reset (ms), pause (ms). Each script is atomic in Redis, so every
// worker of every process sees one budget. The acquire rule is budgetWaitMs's, in Lua.
// Returns {1, ms}: blocked, ask again in ms; {0, ms}: granted, a slot reserved ms from now.
const ACQUIRE = `
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local reserve = tonumber(ARGV[3])
local margin = tonumber(ARGV[4])
local interval = tonumber(ARGV[5])
local pause = tonumber(redis.call('HGET', KEYS[1], 'pause') or '0')
if pause > now then return {1, pause - now} end
local rem = redis.call('HGET', KEYS[1], 'remaining')
local reset = redis.call('HGET', KEYS[1], 'reset')
if rem and reset then
  rem = tonumber(rem)
  reset = tonumber(reset)
  if now >= reset + margin then
    redis.call('HDEL', KEYS[1], 'remaining', 'reset')
  elseif rem - cost < reserve then
    return {1, reset + margin - now}
  else
    redis.call('HSET', KEYS[1], 'remaining', rem - cost)
  end
end
local slot = now
if interval > 0 then
  local nxt = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
  if nxt > slot then slot = nxt end
  redis.call('HSET', KEYS[1], 'next', slot + interval)
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
end
return {0, slot - now}
`;

const UPDATE = `
local newRem = tonumber(ARGV[1])
local newReset = tonumber(ARGV[2])
local rem = redis.call('HGET', KEYS[1], 'remaining')
local reset = redis.call('HGET', KEYS[1], 'reset')
if (not rem) or (not reset) or newReset > tonumber(reset) then
  redis.call('HSET', KEYS[1], 'remaining', newRem, 'reset', newReset)
elseif newReset == tonumber(reset) then
  redis.call('HSET', KEYS[1], 'remaining', math.min(tonumber(rem), newRem))
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 0
`;

const PAUSE = `
local untilMs = tonumber(ARGV[1])
local pause = tonumber(redis.call('HGET', KEYS[1], 'pause') or '0')
if untilMs > pause then redis.call('HSET', KEYS[1], 'pause', untilMs) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0
`;

/** How long an idle budget is kept in Redis (longer than GitHub's one-hour window). */
const TTL_MS = 2 * 3_600_000;

/**
 * A RateBudget shared through Redis by every worker (in any process) that uses the same token.
 * Give it a key from `rateBudgetKey(source, token)` — a hash of the token, never the token. Same
 * rules as InMemoryRateBudget; the state lives in one Redis hash updated by atomic Lua scripts.
 * With a URL it owns its connection (`close()` ends it); with a client it leaves it open.
 *
 * @example
 * const budget = new RedisRateBudget(process.env.REDIS_URL!, rateBudgetKey('github', token));
 * try { await runSync({ connector, store, sink, budget }); } finally { await budget.close(); }
 */
export class RedisRateBudget implements RateBudget {
  private readonly redis: Redis;
  private readonly owned: boolean;
  private readonly settings: Required<RateBudgetOptions>;

  constructor(
    redis: string | Redis,
    private readonly key: string,
    options: RateBudgetOptions = {},
  ) {
    this.owned = typeof redis === 'string';
    this.redis = typeof redis === 'string' ? new Redis(redis, { maxRetriesPerRequest: 3 }) : redis;
    this.settings = rateBudgetSettings(options);
  }

  async acquire(cost = 1, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const [blocked, ms] = (await this.redis.eval(
        ACQUIRE,
        1,
        this.key,
        this.settings.now(),
        cost,
        this.settings.reserve,
        this.settings.resetMarginMs,
        this.settings.minIntervalMs,
        TTL_MS,
      )) as [number, number];
      if (blocked === 0) {
        if (ms > 0) await this.settings.sleep(ms, signal);
        return;
      }
      await this.settings.sleep(ms, signal);
    }
  }

  async update(remaining: number, resetAt: Date): Promise<void> {
    await this.redis.eval(UPDATE, 1, this.key, remaining, resetAt.getTime(), TTL_MS);
  }

  async pauseUntil(until: Date): Promise<void> {
    await this.redis.eval(PAUSE, 1, this.key, until.getTime(), TTL_MS);
  }

  async remaining(): Promise<number | null> {
    const v = await this.redis.hget(this.key, 'remaining');
    return v === null ? null : Number(v);
  }

  /** Ends the connection when the budget opened it. */
  async close(): Promise<void> {
    if (this.owned) await this.redis.quit().catch(() => {});
  }
}
