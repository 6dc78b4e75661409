/** Options of a `ReportCache`. */
export interface ReportCacheOptions {
  /** Most entries kept; the least recently used goes first. Default 8. */
  maxEntries?: number;
  /**
   * How long an answer is served without being recomputed even when the data version has not
   * changed, in ms: the backstop for writes the data version cannot see. Default 30 s.
   */
  ttlMs?: number;
  /** Milliseconds now (injectable for tests). Default `Date.now`. */
  clock?: () => number;
}

interface Entry<V> {
  version: string;
  computedAt: number;
  value: Promise<V>;
}

/**
 * A small read-through cache of report answers, keyed by the request's inputs and checked against
 * a data version: an entry is served while its version equals the caller's and it is younger than
 * `ttlMs`, else recomputed. Concurrent calls for the same key and version share one computation
 * (single-flight), including while it is still running. A failed computation is dropped, never
 * served. At most `maxEntries` are kept (least recently used evicted).
 *
 * The key must carry everything the answer depends on besides the data: the period window, the
 * filters and who may see what (e.g. admin vs pseudonymised), so that no answer reaches a reader
 * it was not computed for.
 *
 * @example
 * const cache = new ReportCache<string>({ maxEntries: 8 });
 * const body = await cache.get(`admin|${period}`, await dataVersion(), () => render(period));
 */
export class ReportCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private computations = 0;

  constructor(options: ReportCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 8);
    this.ttlMs = options.ttlMs ?? 30_000;
    this.clock = options.clock ?? Date.now;
  }

  /** Number of times `compute` was called (for tests and benchmarks). */
  get computed(): number {
    return this.computations;
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The answer for `key` at data version `version`: the cached one (or the one being computed)
   * when still valid, else the result of `compute`, shared with concurrent callers and kept.
   */
  get(key: string, version: string, compute: () => Promise<V>): Promise<V> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.computedAt < this.ttlMs) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    this.computations++;
    const entry: Entry<V> = { version, computedAt: now, value: compute() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    entry.value.catch(() => {
      // only this computation's own entry: a newer one for the key stays
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }
}
