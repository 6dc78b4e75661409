import type { LoginGuard } from './session-auth';

/** Limits of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failed logins of one username within `windowMs` after which it is refused. Default 10. */
  maxPerUser?: number;
  /** Failed logins from one client address within `windowMs` after which it is refused. Default 20. */
  maxPerAddress?: number;
  /** The window the failures are counted in, in ms. Default 15 minutes. */
  windowMs?: number;
  /** The clock (ms). Default Date.now. */
  now?: () => number;
  /** Keys remembered at most (the oldest are forgotten first). Default 10,000. */
  maxKeys?: number;
}

/**
 * Login rate limiting per username and per client address: a key with `max` failed logins within the window
 * is refused (429) until its oldest failure leaves the window, whatever password it sends next. A success
 * clears its username's failures (not its address's). In memory, per process.
 *
 * @example const throttle = new LoginThrottle({ now: clock.now }); if (throttle.blocked(user, ip) !== null) return 429;
 */
export class LoginThrottle implements LoginGuard {
  private readonly failures = new Map<string, number[]>();
  private readonly maxPerUser: number;
  private readonly maxPerAddress: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.maxPerUser = options.maxPerUser ?? 10;
    this.maxPerAddress = options.maxPerAddress ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Seconds until this username and address may try again, or null when they may now. */
  blocked(username: string, address: string): number | null {
    const t = this.now();
    const waits = [
      this.waitOf(`u:${username.toLowerCase()}`, this.maxPerUser, t),
      this.waitOf(`a:${address}`, this.maxPerAddress, t),
    ].filter((w): w is number => w !== null);
    return waits.length === 0 ? null : Math.max(...waits) / 1000;
  }

  /** Counts a failed login of this username from this address. */
  failed(username: string, address: string): void {
    const t = this.now();
    this.add(`u:${username.toLowerCase()}`, this.maxPerUser, t);
    this.add(`a:${address}`, this.maxPerAddress, t);
  }

  /** A successful login: its username's failures are forgotten. */
  succeeded(username: string, _address: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string, t: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((at) => at > t - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private waitOf(key: string, max: number, t: number): number | null {
    const times = this.recent(key, t);
    if (times.length < max) return null;
    return (times[times.length - max] ?? t) + this.windowMs - t;
  }

  private add(key: string, max: number, t: number): void {
    const times = this.recent(key, t);
    times.push(t);
    this.failures.delete(key); // re-inserted last: the map's order is the order keys were last used
    this.failures.set(key, times.slice(-max));
    if (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
