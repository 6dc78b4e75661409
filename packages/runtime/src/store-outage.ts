import type { ConsumeOptions, OutageChange } from '@pushpull/bus';
import { isConnectionError, type Store } from '@pushpull/store';
import type { Logger } from 'pino';

/** One short line about why: the error's message, never longer than 200 characters. */
function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * The consume options that keep a consumer which writes to the store running through a Postgres
 * outage (a restart, a dropped network): batches that failed because the connection went are retried
 * until it is back (see `ConsumeOptions.isOutage`), and the outage is logged once when it starts
 * (warn, with the reason) and once when every batch got through again (info, with how long it lasted)
 * — however many partitions were waiting. PGlite, in process, has no outages: empty options.
 *
 * @example await bus.consume({ topic, groupId, handler, ...storeOutageOptions(store, logger) })
 */
export function storeOutageOptions(
  store: Pick<Store, 'kind'>,
  logger: Pick<Logger, 'warn' | 'info'>,
  now: () => number = () => performance.now(),
): Pick<ConsumeOptions, 'isOutage' | 'onOutage'> {
  if (store.kind !== 'postgres') return {};
  const waiting = new Set<string>();
  let since = 0;
  return {
    isOutage: isConnectionError,
    onOutage: (change: OutageChange) => {
      const key = `${change.topic}[${change.partition}]`;
      if (change.state === 'down') {
        if (waiting.size === 0) {
          since = now();
          logger.warn(
            { dependency: 'postgres', reason: reasonOf(change.error) },
            'Postgres unreachable: retrying the batch until it is back (nothing is lost or counted twice)',
          );
        }
        waiting.add(key);
      } else if (waiting.delete(key) && waiting.size === 0) {
        const seconds = Math.round((now() - since) / 100) / 10;
        logger.info(
          { dependency: 'postgres', downForSeconds: seconds },
          `Postgres is back after ${seconds} s`,
        );
      }
    },
  };
}
