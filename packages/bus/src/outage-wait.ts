import type { ConsumeSettings } from './consume-settings';

/**
 * The wait before the next attempt during a dependency outage: from the first retry backoff (at least
 * 1 ms), doubling, never longer than `outageRetryMs` (default 2 000), so work resumes soon after the
 * dependency is back. `previous` is the last wait, 0 before the first.
 *
 * @example nextOutageWait(0, { retryBackoffMs: 200, outageRetryMs: 2000 }) // 200
 */
export function nextOutageWait(
  previous: number,
  settings: Pick<ConsumeSettings, 'retryBackoffMs'> & { outageRetryMs?: number },
): number {
  return Math.min(Math.max(previous * 2, settings.retryBackoffMs, 1), settings.outageRetryMs ?? 2_000);
}
