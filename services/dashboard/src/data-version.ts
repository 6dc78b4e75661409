import type { Store } from '@pushpull/store';
import { sql } from 'kysely';

/**
 * A fingerprint of the stored data the leaders and overview reports are computed from, read in
 * one cheap query (small tables only, no scan of facts or rollups): it changes whenever
 * - the aggregator records a batch: `recordLabeledBatch` writes facts, rollups and the consumer's
 *   offsets in one transaction, so the offsets' count, sum and latest update move with every
 *   batch (`consumer_offset` holds one row per group × topic × partition);
 * - the org chart changes: an import or a directory merge inserts, updates or deletes `org_person`
 *   rows, which moves their count or the sum of their `xmin` (the id of the transaction that wrote
 *   each row; a row rewritten gets a new one), without reading the rows themselves;
 * - a metric setting (minimum volume, bands) or a setting (`org.version`, the pseudonym key)
 *   changes.
 *
 * Writes to facts or rollups that move no offsets (`reclassify`, `rebuildRollups`) are not seen
 * here: the report cache's time to live bounds how long they take to show.
 *
 * @example const version = await readDataVersion(store); // '3|4711|2026-12-07 10:00:00+00|…'
 */
export async function readDataVersion(store: Store): Promise<string> {
  const { rows } = await sql<{ offsets: string; org: string; metrics: string; settings: string }>`
    select
      (select count(*) || '|' || coalesce(sum(next_offset::numeric), 0) || '|' || coalesce(max(updated_at)::text, '')
         from consumer_offset) as offsets,
      (select count(*) || '|' || coalesce(sum(xmin::text::bigint), 0) from org_person) as org,
      (select coalesce(string_agg(key || '=' || value::text, ',' order by key), '') from metric_setting) as metrics,
      (select coalesce(md5(string_agg(key || '=' || value, ',' order by key)), '') from setting) as settings
  `.execute(store.db);
  const row = rows[0];
  return row ? `${row.offsets}|${row.org}|${row.metrics}|${row.settings}` : '';
}

/**
 * Wraps a read of the data version so that it is made again only after a statement that may have
 * written ran on the store (`Store.writeCount`, embedded mode: every writer is in this process).
 * Without `writeCount` (Postgres, written by other processes) every call reads.
 *
 * @example const version = readUnlessWritten(store.writeCount, coalescedRead(() => readDataVersion(store)));
 */
export function readUnlessWritten<T>(
  writeCount: (() => number) | undefined,
  read: () => Promise<T>,
): () => Promise<T> {
  if (!writeCount) return read;
  let last: { writes: number; value: Promise<T> } | null = null;
  return () => {
    // counted before the read begins: a write that ends meanwhile makes the next call read again
    const writes = writeCount();
    if (last && last.writes === writes) return last.value;
    const entry = { writes, value: read() };
    last = entry;
    entry.value.catch(() => {
      if (last === entry) last = null;
    });
    return entry.value;
  };
}
