import { querySyncStatus, type Store } from '@pushpull/store';
import { sql } from 'kysely';

/** One recent pipeline error, without message contents. */
export interface PipelineError {
  at: string;
  where: string;
  message: string;
}

/**
 * What the process running the dashboard knows about the pipeline (passed in by all-in-one; each
 * part optional so the dashboard also runs alone).
 */
export interface PipelineHealthSource {
  /** Consumer lag per consumer (classifier, aggregator); null when unknown right now. */
  consumerLags?(): Promise<Record<string, number | null>>;
  /** Messages in each dead-letter topic; null when unknown. */
  dlqSizes?(): Promise<Record<string, number | null>>;
  /** The latest errors, newest first. */
  recentErrors?(): PipelineError[];
}

/** The pipeline health page. */
export interface PipelineHealthReport {
  sources: { source: string; scopes: number; lastSyncAt: string; oldestScopeSyncAt: string }[];
  /** Labeled events stored per source and when the latest one was stored. */
  stored: { source: string; events: number; lastStoredAt: string }[];
  consumers: { name: string; lag: number | null }[];
  dlq: { topic: string; messages: number | null }[];
  errors: PipelineError[];
}

/**
 * Collects the pipeline health: per-source last sync (connector cursors), stored events per source,
 * consumer lag, DLQ sizes and recent errors.
 *
 * @example const health = await pipelineHealthReport(store, source);
 */
export async function pipelineHealthReport(
  store: Store,
  source: PipelineHealthSource,
): Promise<PipelineHealthReport> {
  const [syncs, stored, lags, dlq] = await Promise.all([
    querySyncStatus(store.db),
    sql<{ source: string; events: number | string; last_stored: Date | string }>`
      select source, count(*) as events, max(inserted_at) as last_stored
      from labeled_fact group by source order by source`.execute(store.db),
    source.consumerLags?.() ?? Promise.resolve({} as Record<string, number | null>),
    source.dlqSizes?.() ?? Promise.resolve({} as Record<string, number | null>),
  ]);
  return {
    sources: syncs.map((s) => ({
      source: s.source,
      scopes: s.scopes,
      lastSyncAt: s.lastSyncAt.toISOString(),
      oldestScopeSyncAt: s.oldestScopeSyncAt.toISOString(),
    })),
    stored: stored.rows.map((r) => ({
      source: r.source,
      events: Number(r.events),
      lastStoredAt: new Date(r.last_stored).toISOString(),
    })),
    consumers: Object.entries(lags).map(([name, lag]) => ({ name, lag })),
    dlq: Object.entries(dlq).map(([topic, messages]) => ({ topic, messages })),
    errors: source.recentErrors?.() ?? [],
  };
}
