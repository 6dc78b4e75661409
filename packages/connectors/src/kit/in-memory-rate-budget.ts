import { abortableSleep } from './abortable-sleep';
import type { RateBudget } from './connector';

/** Clock and reserve of a rate budget (tests inject the clock and the sleep). */
export interface RateBudgetOptions {
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** Waits `ms`; rejects when `signal` aborts. Default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Requests kept back for other work on the same token. Default 0. */
  reserve?: number;
  /** Margin added after a reset time before spending again, in ms. Default 1,000 (GitHub's advice). */
  resetMarginMs?: number;
  /**
   * Minimum spacing between two requests on the token, in ms (0 = none, the default): paces a burst
   * below a per-minute secondary limit instead of running into it (GitHub: 900 points/min ≈ 67 ms).
   */
  minIntervalMs?: number;
}

/**
 * The options of a rate budget with every default filled in. Shared by the in-memory and Redis budgets.
 *
 * @example rateBudgetSettings({ reserve: 100 }).resetMarginMs // 1000
 */
export function rateBudgetSettings(options: RateBudgetOptions): Required<RateBudgetOptions> {
  return {
    now: options.now ?? Date.now,
    sleep: options.sleep ?? abortableSleep,
    reserve: options.reserve ?? 0,
    resetMarginMs: options.resetMarginMs ?? 1000,
    minIntervalMs: options.minIntervalMs ?? 0,
  };
}

/**
 * What `acquire` must wait, in ms (0 = go), for a budget state at `now`. Shared by the in-memory and
 * Redis budgets (the Redis one runs the same rule in a Lua script).
 */
export function budgetWaitMs(
  state: { remaining: number | null; resetAt: number | null; pausedUntil: number },
  now: number,
  cost: number,
  reserve: number,
  resetMarginMs: number,
): number {
  if (state.pausedUntil > now) return state.pausedUntil - now;
  if (state.remaining === null || state.resetAt === null) return 0;
  if (now >= state.resetAt + resetMarginMs) return 0;
  return state.remaining - cost < reserve ? state.resetAt - now + resetMarginMs : 0;
}

/**
 * A RateBudget for the workers of one process. It follows what the API said (`update` with
 * `x-ratelimit-remaining`/`x-ratelimit-reset`), spends optimistically between answers so that
 * concurrent workers do not overshoot, waits for the reset when the budget is spent, and honours
 * `pauseUntil` (secondary limits, `retry-after`) for every caller. With `minIntervalMs` it also
 * spaces requests out (a reserved slot each), so bursts stay under per-minute secondary limits.
 *
 * @example
 * const budget = new InMemoryRateBudget();
 * await budget.acquire();            // resolves at once while budget is left
 * await budget.update(0, resetAt);   // the next acquire waits until resetAt (+1 s)
 */
export class InMemoryRateBudget implements RateBudget {
  private left: number | null = null;
  private resetAt: number | null = null;
  private pausedUntil = 0;
  private nextSlot = 0;
  private readonly settings: Required<RateBudgetOptions>;

  constructor(options: RateBudgetOptions = {}) {
    this.settings = rateBudgetSettings(options);
  }

  async acquire(cost = 1, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.settings.now();
      if (this.resetAt !== null && now >= this.resetAt + this.settings.resetMarginMs) {
        this.left = null;
        this.resetAt = null;
      }
      const state = { remaining: this.left, resetAt: this.resetAt, pausedUntil: this.pausedUntil };
      const wait = budgetWaitMs(state, now, cost, this.settings.reserve, this.settings.resetMarginMs);
      if (wait <= 0) {
        if (this.left !== null) this.left -= cost;
        const slot = Math.max(now, this.nextSlot);
        this.nextSlot = slot + this.settings.minIntervalMs;
        if (slot > now) await this.settings.sleep(slot - now, signal);
        return;
      }
      await this.settings.sleep(wait, signal);
    }
  }

  async update(remaining: number, resetAt: Date): Promise<void> {
    const reset = resetAt.getTime();
    if (this.resetAt === null || this.left === null || reset > this.resetAt) {
      this.left = remaining;
      this.resetAt = reset;
    } else if (reset === this.resetAt) {
      // Answers of one window arrive out of order: the lowest count is the latest.
      this.left = Math.min(this.left, remaining);
    }
  }

  async pauseUntil(until: Date): Promise<void> {
    this.pausedUntil = Math.max(this.pausedUntil, until.getTime());
  }

  async remaining(): Promise<number | null> {
    return this.left;
  }
}
