import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDashboardService } from '@pushpull/service-dashboard';
import { directionsByFact, factDirections, openStore, rebuildRollups } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { sql } from 'kysely';
import { pino } from 'pino';
import { say } from '../say';

function quantiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

async function timed(n: number, fn: (i: number) => Promise<void>) {
  for (let i = 0; i < Math.min(5, n); i++) await fn(i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return quantiles(out);
}

/**
 * bench/dashboard: 2,000 people and 5 million labeled events generated inside Postgres
 * (generate_series; one edge per event), rollups rebuilt with the store's `rebuildRollups`, then
 * p50/p95 over HTTP of the leader page API and the overview API on the real dashboard app, beside
 * a `/healthz` round trip and a `SELECT 1` measured in the same run.
 */
export async function runDashboardBench(options: { people: number; events: number; requests: number }) {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'bench:dashboard needs DATABASE_URL (Postgres), e.g. postgres://postgres@127.0.0.1:5432/test',
    );
  const scratch = await createScratchDatabase(url);
  const dataDir = mkdtempSync(join(tmpdir(), 'pushpull-bench-dash-'));
  const store = await openStore({ databaseUrl: scratch.url, dataDir });
  const { people, events } = options;
  try {
    let t = performance.now();
    // org: person i reports to person floor((i - 1) / 7): a tree with ~290 leaders
    await sql`
      insert into org_person (email, valid_from, person_id, name, manager_email)
      select 'u' || i || '@bench.example', '0001-01-01', 'p:u' || i || '@bench.example', 'Person ' || i,
             case when i = 0 then null else 'u' || ((i - 1) / 7) || '@bench.example' end
      from generate_series(0, ${people - 1}) as i`.execute(store.db);
    // one edge per event; each fact carries the rollup directions the store's rule derives from it
    const edgeOf = sql`
      select 'bench:' || g as event_id, 0 as edge_index,
             'p:u' || ((g * 104729) % ${people}) || '@bench.example' as target_person_id,
             (array['up', 'down', 'down', 'peer', 'lateral', 'external', 'up'])[1 + (g / 20) % 7] as direction,
             null::integer as distance, false as broadcast, null::integer as audience_size`;
    await sql`
      insert into labeled_fact (event_id, occurred_at, source, type, actor_person_id, mode, initiative,
                                confidence, reasons, classifier_version, url, rollup_directions)
      select 'bench:' || g,
             now() - ((g % 365) || ' days')::interval - ((g % 86400) || ' seconds')::interval,
             (array['github', 'slack', 'outlook'])[1 + g % 3],
             'bench.event',
             'p:u' || ((g * 7919) % ${people}) || '@bench.example',
             case when g % 20 < 11 then 'push' when g % 20 < 17 then 'pull' else 'neutral' end,
             case when g % 20 < 6 then 'proactive' when g % 20 < 11 then 'responsive' else null end,
             0.8,
             case when g % 20 < 11 then '["statement", "update"]'::jsonb
                  when g % 20 < 17 then '["question-sentence"]'::jsonb else '["thanks"]'::jsonb end,
             'bench',
             'https://example.test/item/' || g,
             ${factDirections(sql`(select d.directions from (${directionsByFact(edgeOf)}) as d)`)}
      from generate_series(1::bigint, ${events}::bigint) as g`.execute(store.db);
    await sql`
      insert into edge_fact (event_id, edge_index, target_person_id, direction, distance, broadcast, audience_size)
      select e.* from generate_series(1::bigint, ${events}::bigint) as g cross join lateral (${edgeOf}) as e`.execute(
      store.db,
    );
    await sql`analyze`.execute(store.db);
    const loadSeconds = (performance.now() - t) / 1000;
    say(`generated ${people} people and ${events} labeled events in ${loadSeconds.toFixed(1)} s`);

    t = performance.now();
    const rebuilt = await rebuildRollups(store.db);
    const rebuildSeconds = (performance.now() - t) / 1000;
    await sql`analyze rollup_daily`.execute(store.db);
    say(`rebuildRollups: ${rebuilt.rows} rows (${rebuilt.events} counts) in ${rebuildSeconds.toFixed(1)} s`);

    const dash = await startDashboardService({
      store,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      adminPassword: 'bench-admin-password',
      announce: () => {},
    });
    try {
      const auth = { authorization: `Basic ${Buffer.from('admin:bench-admin-password').toString('base64')}` };
      const get = async (path: string) => {
        const res = await fetch(`${dash.url}${path}`, { headers: auth });
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        await res.arrayBuffer();
      };
      const { rows: leaders } = await sql<{ person_id: string }>`
        select distinct m.person_id from org_person p join org_person m on m.email = p.manager_email
        order by 1`.execute(store.db);
      const n = options.requests;
      const select1 = await timed(n, async () => {
        await sql`select 1`.execute(store.db);
      });
      const healthz = await timed(n, () => get('/healthz'));
      const leader = await timed(n, (i) =>
        get(`/api/leaders/${encodeURIComponent(leaders[(i * 37) % leaders.length]!.person_id)}`),
      );
      const overview = await timed(Math.max(20, Math.floor(n / 4)), () => get('/api/overview'));
      const fmt = (q: { p50: number; p95: number; n: number }) =>
        `p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms (n=${q.n})`;
      const lines = [
        `case: dashboard, ${people} people (${leaders.length} leaders), ${events} labeled events, Postgres, period last-90d`,
        `  baseline SELECT 1            ${fmt(select1)}`,
        `  baseline GET /healthz        ${fmt(healthz)}`,
        `  GET /api/leaders/:id         ${fmt(leader)}   target p95 < 150 ms: ${leader.p95 < 150 ? 'met' : 'MISSED'}`,
        `  GET /api/overview            ${fmt(overview)}   target p95 < 150 ms: ${overview.p95 < 150 ? 'met' : 'MISSED'}`,
        `  rebuildRollups (all)         ${rebuildSeconds.toFixed(1)} s for ${rebuilt.rows} rollup rows`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await dash.stop();
    }
  } finally {
    await store.close();
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
