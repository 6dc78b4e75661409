import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@pushpull/config';
import { servePipeline } from '@pushpull/service-all-in-one';
import { startDashboardService, userInboxDir } from '@pushpull/service-dashboard';
import { countFacts, type Store } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { sql } from 'kysely';
import { pino } from 'pino';
import { say } from '../say';

const ADMIN_PASSWORD = 'bench-admin-password';
const TARGET_P95_MS = 150;
const ENDPOINTS = ['/api/leaders', '/api/overview'] as const;

interface Quantiles {
  p50: number;
  p95: number;
  n: number;
}

function quantiles(ms: number[]): Quantiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

/**
 * `clients` loops in parallel, each sending its share of `requests` one after the other; the
 * latency of every request (until its body is read) in ms.
 */
async function load(get: () => Promise<void>, clients: number, requests: number): Promise<Quantiles> {
  const perClient = Math.ceil(requests / clients);
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        await get();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return quantiles(latencies);
}

/** The first day of a simulation of `days` days ending today, as `pushpull serve --simulate` starts it. */
function simulationStart(days: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

interface ModeResult {
  mode: string;
  events: number;
  leaders: number;
  /** endpoint → cache on/off → clients → quantiles */
  rows: { endpoint: string; cache: boolean; clients: number; q: Quantiles }[];
}

async function measureStore(
  store: Store,
  options: { clients: number; requests: number },
  /** Embedded mode: the login-change inbox, as `pushpull start` gives the dashboard. */
  inboxDir: string | undefined,
): Promise<ModeResult['rows']> {
  const rows: ModeResult['rows'] = [];
  for (const cache of [false, true]) {
    const dash = await startDashboardService({
      store,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      adminPassword: ADMIN_PASSWORD,
      announce: () => {},
      ...(cache ? {} : { reportCache: false as const }),
      ...(inboxDir ? { userInboxDir: inboxDir } : {}),
    });
    try {
      const auth = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };
      for (const endpoint of ENDPOINTS) {
        const get = async () => {
          const res = await fetch(`${dash.url}${endpoint}`, { headers: auth });
          if (res.status !== 200) throw new Error(`${endpoint}: HTTP ${res.status}`);
          await res.arrayBuffer();
        };
        for (let i = 0; i < 5; i++) await get(); // warm-up
        for (const clients of [1, options.clients]) {
          const q = await load(get, clients, options.requests);
          rows.push({ endpoint, cache, clients, q });
          say(
            `${endpoint} ${cache ? 'cached' : 'uncached'} ${clients} client(s): p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms`,
          );
        }
      }
    } finally {
      await dash.stop();
    }
  }
  return rows;
}

/**
 * bench/dashboard, concurrency case: the default simulation of `pushpull start` (80 people, 90
 * days, seed 42) run through the pipeline (simulated source → classifier → aggregator on the
 * embedded bus) into PGlite and, with DATABASE_URL, into a scratch Postgres database; then
 * p50/p95 over HTTP of `GET /api/leaders` and `GET /api/overview` (admin, period last-90d) with 1
 * client and with `clients` concurrent clients (each a loop of sequential requests), with the
 * report cache and without it (every request computed, as before the cache), the 1-client figure
 * being the baseline of the same run.
 */
export async function runDashboardConcurrencyBench(options: {
  people: number;
  days: number;
  seed: number;
  clients: number;
  requests: number;
}) {
  const modes: { name: string; databaseUrl: string | undefined }[] = [
    { name: 'embedded (PGlite)', databaseUrl: undefined },
  ];
  if (process.env.DATABASE_URL) modes.push({ name: 'Postgres', databaseUrl: process.env.DATABASE_URL });
  else say('DATABASE_URL is not set: Postgres mode skipped');
  const results: ModeResult[] = [];
  for (const mode of modes) {
    const scratch = mode.databaseUrl ? await createScratchDatabase(mode.databaseUrl) : null;
    const dataDir = mkdtempSync(join(tmpdir(), 'pushpull-bench-dash-conc-'));
    try {
      const config = parseConfig({
        PUSHPULL_DATA_DIR: dataDir,
        ...(scratch ? { DATABASE_URL: scratch.url } : {}),
        PORT: '0',
        PUSHPULL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      });
      const t = performance.now();
      const pipeline = await servePipeline({
        config,
        logger: pino({ level: 'silent' }),
        services: ['connectors', 'classifier', 'aggregator'],
        simulate: {
          seed: options.seed,
          people: options.people,
          days: options.days,
          start: simulationStart(options.days),
        },
        announce: () => {},
      });
      try {
        await pipeline.settled(30 * 60_000);
        const store = pipeline.runtime.store;
        const events = await countFacts(store.db);
        const { rows: leaderRows } = await sql<{ n: number | string }>`
          select count(distinct m.person_id) as n
          from org_person p join org_person m on m.email = p.manager_email`.execute(store.db);
        const leaders = Number(leaderRows[0]?.n ?? 0);
        say(
          `${mode.name}: ${events} labeled events of ${options.people} people (${leaders} leaders) through the pipeline in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );
        results.push({
          mode: mode.name,
          events,
          leaders,
          rows: await measureStore(store, options, mode.databaseUrl ? undefined : userInboxDir(dataDir)),
        });
      } finally {
        await pipeline.stop();
      }
    } finally {
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const lines = [
    `case: dashboard concurrency, default simulation (${options.people} people, ${options.days} days, seed ${options.seed}), admin, period last-90d, ${options.requests} requests per figure`,
  ];
  for (const r of results) {
    lines.push(`${r.mode}: ${r.events} labeled events, ${r.leaders} leaders`);
    for (const endpoint of ENDPOINTS) {
      for (const cache of [false, true]) {
        const one = r.rows.find((x) => x.endpoint === endpoint && x.cache === cache && x.clients === 1)!.q;
        const many = r.rows.find(
          (x) => x.endpoint === endpoint && x.cache === cache && x.clients === options.clients,
        )!.q;
        const verdict = many.p95 < TARGET_P95_MS ? 'met' : 'MISSED';
        lines.push(
          `  GET ${endpoint.padEnd(14)} ${(cache ? 'cached' : 'uncached').padEnd(8)} ` +
            `1 client (baseline) p50 ${ms(one.p50)}, p95 ${ms(one.p95)} | ` +
            `${options.clients} clients p50 ${ms(many.p50)}, p95 ${ms(many.p95)} (${(many.p95 / one.p95).toFixed(1)}× baseline)` +
            (cache ? `   target p95 < ${TARGET_P95_MS} ms: ${verdict}` : ''),
        );
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
