import type { ConsumeSettings } from './consume-settings';
import { abortableDelay } from './handle-batch';
import { nextOutageWait } from './outage-wait';

/**
 * Runs `work` (a consumer's own call to its store, e.g. `resumeFrom`) and, while it fails with an
 * error `settings.isOutage` calls a dependency outage, runs it again (waits of `nextOutageWait`) until
 * it succeeds or `signal` aborts (then the last error is thrown). Any
 * other error is thrown at once. `onOutage` hears when the outage started and when it ended.
 *
 * @example const offset = await retryThroughOutage(() => resumeFrom(topic, p), settings, where, signal);
 */
export async function retryThroughOutage<T>(
  work: () => Promise<T>,
  settings: Pick<ConsumeSettings, 'isOutage' | 'outageRetryMs' | 'onOutage' | 'retryBackoffMs'>,
  where: { topic: string; partition: number },
  signal: AbortSignal,
  now: () => number = () => performance.now(),
): Promise<T> {
  let since: number | undefined;
  let wait = 0;
  for (;;) {
    try {
      const result = await work();
      if (since !== undefined) settings.onOutage?.({ state: 'up', ...where, downForMs: now() - since });
      return result;
    } catch (err) {
      if (!settings.isOutage(err)) throw err;
      if (since === undefined) {
        since = now();
        settings.onOutage?.({ state: 'down', ...where, error: err });
      }
      wait = nextOutageWait(wait, settings);
      if (!(await abortableDelay(wait, signal))) throw err;
    }
  }
}
