import { requireServices, uniqueName } from '@pushpull/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { rateBudgetKey } from './rate-budget-key';
import { RedisRateBudget } from './redis-rate-budget';

const env = requireServices('RedisRateBudget on Redis', ['REDIS_URL']);

describe.skipIf(!env)('RedisRateBudget', () => {
  const clients: Redis[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  function twoWorkers(key: string, clock: { t: number; waits: number[] }) {
    const sleep = async (ms: number) => {
      clock.waits.push(ms);
      clock.t += ms;
    };
    const a = new Redis(env!.REDIS_URL);
    const b = new Redis(env!.REDIS_URL);
    clients.push(a, b);
    return [
      new RedisRateBudget(a, key, { now: () => clock.t, sleep }),
      new RedisRateBudget(b, key, { now: () => clock.t, sleep }),
    ] as const;
  }

  it('shares remaining budget and resets between workers of one token', async () => {
    const clock = { t: 1_000_000, waits: [] as number[] };
    const [w1, w2] = twoWorkers(uniqueName('pushpull:test-budget'), clock);
    await w1.update(2, new Date(clock.t + 10_000));
    expect(await w2.remaining()).toBe(2);
    await w2.acquire();
    await w1.acquire();
    expect(await w1.remaining()).toBe(0);
    await w2.acquire(); // spent: waits for the reset + 1 s
    expect(clock.waits).toEqual([11_000]);
    await w1.update(4999, new Date(clock.t + 3_600_000));
    await w2.update(4998, new Date(clock.t + 3_600_000));
    await w1.update(4999, new Date(clock.t + 3_600_000)); // a late answer of the same window
    expect(await w2.remaining()).toBe(4998);
  });

  it("makes every worker honour one worker's secondary-limit pause", async () => {
    const clock = { t: 5_000_000, waits: [] as number[] };
    const [w1, w2] = twoWorkers(uniqueName('pushpull:test-budget'), clock);
    await w1.pauseUntil(new Date(clock.t + 60_000));
    await w2.acquire();
    expect(clock.waits).toEqual([60_000]);
  });

  it('spaces requests of all workers by minIntervalMs', async () => {
    const key = uniqueName('pushpull:test-budget');
    const a = new Redis(env!.REDIS_URL);
    clients.push(a);
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const w1 = new RedisRateBudget(a, key, { now: () => 1000, sleep, minIntervalMs: 70 });
    const w2 = new RedisRateBudget(a, key, { now: () => 1000, sleep, minIntervalMs: 70 });
    await w1.acquire();
    await w2.acquire();
    await w1.acquire();
    expect(waits).toEqual([70, 140]);
  });

  it('derives the key from a hash of the token, never the token', () => {
    const key = rateBudgetKey('github', 'ghp_secretToken123');
    expect(key).not.toContain('ghp_secretToken123');
    expect(key).toBe(rateBudgetKey('github', 'ghp_secretToken123'));
    expect(key).not.toBe(rateBudgetKey('github', 'ghp_otherToken'));
  });

  it('owns and closes a connection it opened from a URL', async () => {
    const budget = new RedisRateBudget(env!.REDIS_URL, uniqueName('pushpull:test-budget'));
    await budget.update(10, new Date(Date.now() + 60_000));
    await budget.acquire();
    expect(await budget.remaining()).toBe(9);
    await budget.close();
  });
});
