import { type Kysely, sql } from 'kysely';
import { chunkRows } from './chunk-rows';
import { assertIsoDate } from './iso-date';
import { addRow, type CountsByDirection, type DateRange } from './leader-repository';
import type { DB } from './schema';

/** How often one reason id produced one mode for a person, with permalinks of the latest items. */
export interface ReasonCount {
  reason: string;
  mode: string;
  events: number;
  /** Up to `linksPerReason` permalinks (labeled_fact.url) of the most recent items; never text. */
  urls: string[];
}

/** The last sync of one source: how many scopes it has and when the newest and oldest cursor moved. */
export interface SourceSyncStatus {
  source: string;
  scopes: number;
  lastSyncAt: Date;
  oldestScopeSyncAt: Date;
}

/** Counts of one person from one source, over the whole range (`week` null) or in one ISO week. */
export interface SourceCounts {
  personId: string;
  source: string;
  /** Monday of the week ('YYYY-MM-DD') with `byWeek`, else null. */
  week: string | null;
  counts: CountsByDirection;
}

/**
 * Per-source, per-direction counts of the given people in `[from, to)` (from rollup_daily), summed
 * over the range or, with `byWeek`, per ISO week (Monday, UTC). Each source has its own classifier
 * confusion matrix, so corrected estimates need the counts split this way. Ordered by person, week
 * and source; combinations without activity are absent.
 *
 * @example
 * const rows = await queryCountsBySource(store.db, ['p:lea@acme.io'], { from: '2026-07-01', to: '2026-10-01' });
 * // [{ personId: 'p:lea@acme.io', source: 'slack', week: null, counts: { down: { pull: 9, … } } }, …]
 */
export async function queryCountsBySource(
  db: Kysely<DB>,
  personIds: readonly string[],
  range: DateRange,
  options: { byWeek?: boolean } = {},
): Promise<SourceCounts[]> {
  const from = assertIsoDate(range.from, 'from');
  const to = assertIsoDate(range.to, 'to');
  const byKey = new Map<string, SourceCounts>();
  const week = options.byWeek
    ? sql<string | null>`to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD')`
    : sql<string | null>`null::text`;
  for (const ids of chunkRows([...new Set(personIds)], 1)) {
    const rows = await db
      .selectFrom('rollup_daily')
      .select([
        'person_id',
        'source',
        week.as('week'),
        'direction',
        'mode',
        'initiative',
        (eb) => eb.fn.sum<number>('events').as('events'),
      ])
      .where('person_id', 'in', ids)
      .where('day', '>=', from)
      .where('day', '<', to)
      .groupBy(['person_id', 'source', sql`3`, 'direction', 'mode', 'initiative'])
      .execute();
    for (const r of rows) {
      const key = `${r.person_id}\u0000${r.week ?? ''}\u0000${r.source}`;
      const entry = byKey.get(key) ?? { personId: r.person_id, source: r.source, week: r.week, counts: {} };
      addRow(entry.counts, r);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.personId.localeCompare(b.personId) ||
      (a.week ?? '').localeCompare(b.week ?? '') ||
      a.source.localeCompare(b.source),
  );
}

/**
 * The reason ids behind one person's labels in `[from, to)`: how many of their events each reason
 * produced per mode, most frequent first, each with permalinks of its latest items. Reads only
 * reason ids and urls — the store has no message text.
 *
 * @example const reasons = await queryReasonCounts(store.db, 'p:lea@acme.io', { from: '2026-07-01', to: '2026-10-01' });
 * // [{ reason: 'question-sentence', mode: 'pull', events: 31, urls: ['https://github.com/…'] }, …]
 */
export async function queryReasonCounts(
  db: Kysely<DB>,
  personId: string,
  range: DateRange,
  options: { limit?: number; linksPerReason?: number } = {},
): Promise<ReasonCount[]> {
  const from = assertIsoDate(range.from, 'from');
  const to = assertIsoDate(range.to, 'to');
  const limit = Math.max(1, Math.min(200, options.limit ?? 40));
  const links = Math.max(0, Math.min(20, options.linksPerReason ?? 3));
  const result = await sql<{ reason: string; mode: string; events: number | string; urls: string[] | null }>`
    with facts as (
      select f.reasons, f.mode, f.url, f.occurred_at
      from labeled_fact f
      where f.actor_person_id = ${personId}
        and f.occurred_at >= ${`${from}T00:00:00Z`}::timestamptz and f.occurred_at < ${`${to}T00:00:00Z`}::timestamptz
    )
    select r.reason, f.mode, count(*) as events,
           (array_agg(f.url order by f.occurred_at desc) filter (where f.url is not null))[1:${links}] as urls
    from facts f cross join lateral jsonb_array_elements_text(f.reasons) as r(reason)
    group by r.reason, f.mode
    order by count(*) desc, r.reason, f.mode
    limit ${limit}`.execute(db);
  return result.rows.map((r) => ({
    reason: r.reason,
    mode: r.mode,
    events: Number(r.events),
    urls: links === 0 ? [] : (r.urls ?? []),
  }));
}

/**
 * How many pulls `personId` received from `managerPersonId` (the manager's pulls addressed down
 * to them) in `[from, to)`: "how often the manager had to pull".
 *
 * @example await queryPullsReceived(store.db, 'p:dev@acme.io', 'p:lea@acme.io', range) // 4
 */
export async function queryPullsReceived(
  db: Kysely<DB>,
  personId: string,
  managerPersonId: string,
  range: DateRange,
): Promise<number> {
  const from = assertIsoDate(range.from, 'from');
  const to = assertIsoDate(range.to, 'to');
  const row = await db
    .selectFrom('edge_fact as e')
    .innerJoin('labeled_fact as f', 'f.event_id', 'e.event_id')
    .select((eb) => eb.fn.count<number>(sql`distinct f.event_id`).as('n'))
    .where('e.target_person_id', '=', personId)
    .where('f.actor_person_id', '=', managerPersonId)
    .where('f.mode', '=', 'pull')
    .where('f.occurred_at', '>=', new Date(`${from}T00:00:00Z`))
    .where('f.occurred_at', '<', new Date(`${to}T00:00:00Z`))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Per source: how many scopes have a cursor and when the newest and oldest of them last moved
 * (a successful sync saves its cursor). Ordered by source.
 *
 * @example (await querySyncStatus(store.db))[0] // { source: 'github', scopes: 12, lastSyncAt: Date, oldestScopeSyncAt: Date }
 */
export async function querySyncStatus(db: Kysely<DB>): Promise<SourceSyncStatus[]> {
  const rows = await db
    .selectFrom('sync_cursor')
    .select([
      'source',
      (eb) => eb.fn.countAll<number>().as('scopes'),
      (eb) => eb.fn.max('updated_at').as('last'),
      (eb) => eb.fn.min('updated_at').as('oldest'),
    ])
    .groupBy('source')
    .orderBy('source')
    .execute();
  return rows.map((r) => ({
    source: r.source,
    scopes: Number(r.scopes),
    lastSyncAt: new Date(r.last as unknown as string),
    oldestScopeSyncAt: new Date(r.oldest as unknown as string),
  }));
}
