import { describe, expect, it } from 'vitest';
import { budgetWaitMs, InMemoryRateBudget } from './in-memory-rate-budget';

/** A virtual clock whose sleeps advance time instantly, recording each wait. */
function virtualClock(start = 1_000_000) {
  const waits: number[] = [];
  const clock = {
    t: start,
    waits,
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('InMemoryRateBudget', () => {
  it('lets requests through while the API says budget is left, spending as it goes', async () => {
    const c = virtualClock();
    const budget = new InMemoryRateBudget({ now: c.now, sleep: c.sleep });
    await budget.acquire();
    expect(await budget.remaining()).toBeNull();
    await budget.update(2, new Date(c.t + 60_000));
    await budget.acquire();
    await budget.acquire();
    expect(await budget.remaining()).toBe(0);
    expect(c.waits).toEqual([]);
  });

  it('waits for the reset (plus a margin) once the budget is spent', async () => {
    const c = virtualClock();
    const budget = new InMemoryRateBudget({ now: c.now, sleep: c.sleep });
    await budget.update(0, new Date(c.t + 30_000));
    await budget.acquire();
    expect(c.waits).toEqual([31_000]);
    expect(await budget.remaining()).toBeNull();
  });

  it('keeps the lowest count of one window and takes a newer window as is', async () => {
    const c = virtualClock();
    const budget = new InMemoryRateBudget({ now: c.now, sleep: c.sleep });
    const reset = new Date(c.t + 60_000);
    await budget.update(10, reset);
    await budget.update(12, reset); // a late answer of the same window
    expect(await budget.remaining()).toBe(10);
    await budget.update(4999, new Date(c.t + 3_660_000));
    expect(await budget.remaining()).toBe(4999);
  });

  it('honours pauseUntil (secondary limits) for every caller, and a reserve', async () => {
    const c = virtualClock();
    const budget = new InMemoryRateBudget({ now: c.now, sleep: c.sleep, reserve: 5 });
    await budget.pauseUntil(new Date(c.t + 60_000));
    await budget.pauseUntil(new Date(c.t + 10_000)); // an earlier pause does not shorten it
    await budget.acquire();
    expect(c.waits).toEqual([60_000]);
    await budget.update(5, new Date(c.t + 1000));
    await budget.acquire();
    expect(c.waits).toEqual([60_000, 2000]);
  });

  it('stops waiting when the signal aborts', async () => {
    const budget = new InMemoryRateBudget();
    await budget.pauseUntil(new Date(Date.now() + 60_000));
    const stop = new AbortController();
    const waiting = budget.acquire(1, stop.signal);
    stop.abort(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
  });

  it('budgetWaitMs is the shared rule', () => {
    const s = { remaining: 1, resetAt: 10_000, pausedUntil: 0 };
    expect(budgetWaitMs(s, 5_000, 1, 0, 1000)).toBe(0);
    expect(budgetWaitMs(s, 5_000, 2, 0, 1000)).toBe(6_000);
    expect(budgetWaitMs({ ...s, remaining: 0 }, 11_000, 1, 0, 1000)).toBe(0);
    expect(budgetWaitMs({ ...s, pausedUntil: 7_000 }, 5_000, 1, 0, 1000)).toBe(2_000);
  });
});

describe('InMemoryRateBudget spacing', () => {
  it('reserves one slot per request, minIntervalMs apart', async () => {
    const c = { t: 0, waits: [] as number[] };
    // Three workers ask at the same instant: each gets its own slot.
    const budget = new InMemoryRateBudget({
      now: () => c.t,
      sleep: async (ms) => void c.waits.push(ms),
      minIntervalMs: 100,
    });
    await Promise.all([budget.acquire(), budget.acquire(), budget.acquire()]);
    expect(c.waits.sort((a, b) => a - b)).toEqual([100, 200]);
  });
});
