/**
 * A virtual clock for tests: `sleep` advances time instantly instead of waiting, so a sync that must
 * pause a minute between requests finishes in milliseconds while every party (the double's rate
 * limiter, the connector's pacing, the rate budget) agrees on what time it is.
 */
export interface TestClock {
  /** Milliseconds since the epoch, virtual. */
  now(): number;
  /** Advances the clock by `ms` and resolves on the next tick (rejects if `signal` is aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Moves the clock forward by `ms` without anyone sleeping. */
  advance(ms: number): void;
  /** Total virtual milliseconds spent in `sleep` so far. */
  slept(): number;
}

/**
 * Creates a virtual clock starting at `start` (a Date or epoch milliseconds).
 *
 * @example
 * const clock = createTestClock(new Date('2016-04-01T00:00:00Z'));
 * await clock.sleep(60_000); // returns at once; clock.now() is one minute later
 */
export function createTestClock(start: Date | number): TestClock {
  let current = typeof start === 'number' ? start : start.getTime();
  let sleptTotal = 0;
  return {
    now: () => current,
    advance(ms) {
      if (ms > 0) current += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const step = Math.max(0, ms);
      current += step;
      sleptTotal += step;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    slept: () => sleptTotal,
  };
}
