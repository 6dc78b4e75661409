import { setMaxListeners } from 'node:events';
import { type ActivityEvent, ActivityEventSchema, formatIssues, PushpullError } from '@pushpull/core';
import type { Store } from '@pushpull/store';
import type { Connector, RateBudget, SyncContext, SyncProgress, SyncSummary } from './connector';
import type { EventSink } from './event-sink';
import { InMemoryRateBudget } from './in-memory-rate-budget';
import { storeCursorStore } from './store-cursor-store';

const DAY_MS = 86_400_000;

/** What one sync run needs. */
export interface RunSyncOptions {
  connector: Connector;
  /** Where the cursors live (`sync_cursor`). */
  store: Store;
  /** Where the events go (busSink, jsonlFileSink). Owned by the caller: runSync does not close it. */
  sink: EventSink;
  /**
   * Shared budget of the token (RedisRateBudget across workers; give it the connector's
   * `requestSpacingMs` as `minIntervalMs`). Default: a new InMemoryRateBudget with that spacing.
   */
  budget?: RateBudget;
  /** Where the first sync of a scope starts (`--since`, docs/contracts.md §6). Default: 90 days before now. */
  since?: Date;
  /** The clock. Default: the system clock. */
  now?: () => Date;
  /** Stops the run after the current page. */
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** Structured log (no message text, no secrets). Default: silent. */
  log?: SyncContext['log'];
}

/**
 * Runs one sync of one connector: builds its SyncContext (cursors in the store under the
 * connector's source, the budget, `since`, the run's start time) and hands each page of events,
 * validated against the ActivityEvent schema, to the sink before the connector saves that page's
 * cursor. Returns the connector's summary.
 *
 * @example
 * const sink = jsonlFileSink('events.jsonl');
 * const summary = await runSync({ connector: createGithubConnector(config.sources.github), store, sink });
 * await sink.close();
 */
export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  const now = options.now ?? (() => new Date());
  const runStartedAt = now();
  const source = options.connector.source;
  // Many waits (one per worker and request) listen to the signal at once: give them their own
  // signal without Node's listener warning, following the caller's.
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const follow = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) follow();
  else options.signal?.addEventListener('abort', follow, { once: true });
  const ctx: SyncContext = {
    since: options.since ?? new Date(runStartedAt.getTime() - 90 * DAY_MS),
    runStartedAt,
    cursors: storeCursorStore(options.store.db, source),
    store: options.store,
    budget: options.budget ?? new InMemoryRateBudget({ minIntervalMs: options.connector.requestSpacingMs }),
    signal: stop.signal,
    progress: (p) => options.onProgress?.(p),
    log: options.log ?? (() => {}),
    async emit(events) {
      const valid: ActivityEvent[] = [];
      for (const e of events) {
        const r = ActivityEventSchema.safeParse(e);
        if (!r.success) {
          throw new PushpullError(
            'EVENT_INVALID',
            `${source} connector produced an invalid event ${String((e as { id?: unknown }).id)}: ${formatIssues(r.error)}`,
            { source },
          );
        }
        valid.push(r.data);
      }
      await options.sink.write(valid);
    },
  };
  try {
    return await options.connector.sync(ctx);
  } finally {
    options.signal?.removeEventListener('abort', follow);
  }
}
