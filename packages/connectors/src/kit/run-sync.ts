import { setMaxListeners } from 'node:events';
import { type ActivityEvent, ActivityEventSchema, formatIssues, PushpullError } from '@pushpull/core';
import type {
  Connector,
  CursorStore,
  OrgSnapshotSink,
  RateBudget,
  SyncContext,
  SyncProgress,
  SyncSummary,
} from './connector';
import { applyContentPolicy, type ContentPolicy } from './content-policy';
import type { EventSink } from './event-sink';
import { InMemoryRateBudget } from './in-memory-rate-budget';

const DAY_MS = 86_400_000;

/** What one sync run needs. */
export interface RunSyncOptions {
  connector: Connector;
  /** The cursors of the connector's source (storeCursorStore over `sync_cursor`). */
  cursors: CursorStore;
  /** Where the events go (busSink, jsonlFileSink). Owned by the caller: runSync does not close it. */
  sink: EventSink;
  /**
   * Where directory snapshots go (storeOrgSnapshotSink). Default: none — a snapshot is logged as not
   * saved and dropped.
   */
  orgSink?: OrgSnapshotSink;
  /** PUSHPULL_CONTENT, applied to every page before the sink. Default `full`. */
  content?: ContentPolicy;
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
 * Runs one sync of one connector: builds its SyncContext (the cursors, the budget, `since`, the
 * run's start time) and hands each page of events, validated against the ActivityEvent schema and
 * passed through the content policy, to the sink before the connector saves that page's cursor;
 * directory snapshots go to `orgSink`. Returns the connector's summary.
 *
 * @example
 * const sink = jsonlFileSink('events.jsonl');
 * const cursors = storeCursorStore(store.db, 'github');
 * const summary = await runSync({ connector: createGithubConnector(config.sources.github), cursors, sink });
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
  const log: SyncContext['log'] = options.log ?? (() => {});
  const ctx: SyncContext = {
    since: options.since ?? new Date(runStartedAt.getTime() - 90 * DAY_MS),
    runStartedAt,
    cursors: options.cursors,
    budget: options.budget ?? new InMemoryRateBudget({ minIntervalMs: options.connector.requestSpacingMs }),
    signal: stop.signal,
    progress: (p) => options.onProgress?.(p),
    log,
    async emitOrgSnapshot(snapshot) {
      if (!options.orgSink) {
        log(
          'warn',
          { people: snapshot.rows.length },
          `${source}: no org sink given; the org chart is not saved`,
        );
        return;
      }
      const changed = await options.orgSink.write(snapshot);
      log('info', { people: snapshot.rows.length, ...changed }, `${source}: org snapshot written`);
    },
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
      await options.sink.write(applyContentPolicy(options.content ?? 'full', valid));
    },
  };
  try {
    return await options.connector.sync(ctx);
  } finally {
    options.signal?.removeEventListener('abort', follow);
  }
}
