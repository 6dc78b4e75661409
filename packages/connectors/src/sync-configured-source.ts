import { loadSuppressionFilter, type Store } from '@pushpull/store';
import {
  contentPolicyOf,
  createSourceConnector,
  type SourcesConfig,
  type SyncSource,
  sourceBudget,
} from './create-source-connector';
import type { SyncContext, SyncProgress, SyncSummary } from './kit/connector';
import type { EventSink } from './kit/event-sink';
import { runSync } from './kit/run-sync';
import { storeCursorStore } from './kit/store-cursor-store';
import { storeOrgSnapshotSink } from './kit/store-org-snapshot-sink';
import { suppressingOrgSink, suppressingSink } from './kit/suppressing-sink';

/** One sync of a configured source, as the connector worker and `pushpull sync --once` run it. */
export interface SyncConfiguredSourceOptions {
  source: SyncSource;
  /** config.sources. */
  sources: SourcesConfig;
  /** Where the source's cursors (`sync_cursor`) and org snapshots (the org chart) are written. */
  db: Store['db'];
  /** Where the events go; owned by the caller. */
  sink: EventSink;
  /** Shares the token's request budget through Redis when set. */
  redisUrl?: string | undefined;
  since?: Date | undefined;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  log?: SyncContext['log'];
}

/** A sync's summary, with the events dropped because they involve an erased person. */
export type ConfiguredSyncSummary = SyncSummary & { suppressed: number };

/**
 * Wires one source's sync the same way wherever it runs: the connector from configuration, its
 * token's budget (Redis or memory), cursors and org snapshots in the store, the content policy
 * (PUSHPULL_CONTENT) injected into runSync, and the suppression list (read from the store at the start
 * of every sync): events involving an erased person are dropped before the sink, and erased people
 * stay out of org snapshots. The connector itself sees none of these choices.
 *
 * @example const summary = await syncConfiguredSource({ source: 'github', sources: config.sources, db: store.db, sink });
 */
export async function syncConfiguredSource(
  options: SyncConfiguredSourceOptions,
): Promise<ConfiguredSyncSummary> {
  const { source, sources } = options;
  const connector = createSourceConnector(source, sources);
  const filter = await loadSuppressionFilter(options.db);
  const sink = suppressingSink(options.sink, filter);
  const { budget, close } = sourceBudget(source, sources, connector, options.redisUrl);
  try {
    const summary = await runSync({
      connector,
      cursors: storeCursorStore(options.db, source),
      sink: { write: (events) => sink.write(events), close: async () => {} },
      orgSink: suppressingOrgSink(storeOrgSnapshotSink(options.db), filter),
      content: contentPolicyOf(source, sources),
      budget,
      ...(options.since ? { since: options.since } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    if (sink.dropped > 0) {
      options.log?.('info', { suppressed: sink.dropped }, 'events of erased people dropped');
    }
    return { ...summary, suppressed: sink.dropped };
  } finally {
    await close();
  }
}
