import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GITHUB_DOUBLE_TOKEN,
  type GithubDouble,
  recordedRepo,
  startGithubDouble,
} from '@pushpull/api-doubles/github';
import {
  createGithubConnector,
  type EventSink,
  runSync,
  type SyncSummary,
  storeCursorStore,
} from '@pushpull/connectors';
import { openStore, type Store } from '@pushpull/store';
import { say } from '../say';

/** What the GitHub sync benchmark runs. */
export interface GithubSyncBenchOptions {
  /** Repositories in the simulated organisation, each with the recorded panjf2000/ants history. */
  repos: number;
  /** Time each request spends at the double, in ms (api.github.com answers in ~100–300 ms). */
  latencyMs: number;
  /** Also time a backfill without request pacing (to show what secondary limits cost). */
  compareUnpaced: boolean;
}

interface Figure {
  run: string;
  events: number;
  summary: SyncSummary;
  counted: number;
  secondary: number;
  peakPerMinute: number;
  seconds: number;
  /** Events to divide requests by (the backfill's, for a no-change re-sync). */
  per: number;
}

const ORG = 'bench-org';

/** The most requests the double answered in any 60 s window. */
function peakPerMinute(times: number[]): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 60_000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

async function measure(
  run: string,
  gh: GithubDouble,
  store: Store,
  spacingMs: number | undefined,
  per: number | null,
): Promise<Figure> {
  let events = 0;
  const sink: EventSink = {
    write: async (e) => {
      events += e.length;
    },
    close: async () => {},
  };
  const connector = createGithubConnector({
    token: GITHUB_DOUBLE_TOKEN,
    apiUrl: gh.url,
    org: ORG,
    repos: [],
    requestSpacingMs: spacingMs,
  });
  const from = gh.requestLog.length;
  let lastSay = 0;
  const t0 = performance.now();
  const summary = await runSync({
    connector,
    cursors: storeCursorStore(store.db, 'github'),
    sink,
    since: new Date('2018-01-01T00:00:00Z'),
    onProgress: (p) => {
      if (performance.now() - lastSay < 15_000) return;
      lastSay = performance.now();
      say(
        `${run}: ${p.scopesDone}/${p.scopesTotal} repos, ${p.events} events, ${p.requests} requests, ${p.rateLimitRemaining ?? '?'} left`,
      );
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const log = gh.requestLog.slice(from);
  return {
    run,
    events,
    summary,
    counted: log.filter((r) => r.counted).length,
    secondary: log.filter((r) => (r.status === 403 || r.status === 429) && !r.counted).length,
    peakPerMinute: peakPerMinute(log.map((r) => r.at)),
    seconds,
    per: per ?? events,
  };
}

/** A fresh double (GitHub's real limits) and a fresh embedded store. */
async function setup(options: GithubSyncBenchOptions) {
  const names = Array.from(
    { length: options.repos },
    (_, i) => `${ORG}/repo-${String(i + 1).padStart(3, '0')}`,
  );
  const gh = await startGithubDouble({
    repos: names.map((n) => recordedRepo(n)),
    orgs: { [ORG]: names },
    rateLimit: 5000,
    rateWindowMs: 3_600_000,
    maxConcurrent: 100,
    pointsPerMinute: 900,
    retryAfterSeconds: 60,
    latencyMs: options.latencyMs,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'pushpull-bench-github-'));
  const store = await openStore({ dataDir });
  return {
    gh,
    store,
    done: async () => {
      await store.close();
      await gh.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Measures the GitHub connector against the double with GitHub's real limits simulated (5,000
 * requests an hour, 100 concurrent, 900 points a minute with `retry-after: 60`): requests per
 * 1,000 events of a backfill and of a no-change re-sync, and the wall time of the backfill of an
 * organisation of `repos` repositories. Prints a Markdown table on stdout.
 *
 * @example await runGithubSyncBench({ repos: 50, latencyMs: 100, compareUnpaced: false });
 */
export async function runGithubSyncBench(options: GithubSyncBenchOptions): Promise<void> {
  const figures: Figure[] = [];
  const a = await setup(options);
  try {
    say(`backfill of ${options.repos} repositories (paced at the connector's default spacing)…`);
    const backfill = await measure('backfill', a.gh, a.store, undefined, null);
    figures.push(backfill);
    say('no-change re-sync…');
    figures.push(await measure('no-change re-sync', a.gh, a.store, undefined, backfill.events));
    say('second no-change re-sync…');
    figures.push(await measure('no-change re-sync, again', a.gh, a.store, undefined, backfill.events));
  } finally {
    await a.done();
  }
  if (options.compareUnpaced) {
    const b = await setup(options);
    try {
      say('backfill without pacing…');
      figures.push(await measure('backfill, unpaced', b.gh, b.store, 0, null));
    } finally {
      await b.done();
    }
  }

  const lines = [
    '| run | events | requests | of which 304 (free) | counted vs 5,000/h | secondary-limit answers | peak requests/min | requests per 1,000 events | wall time |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of figures) {
    const perK = f.per > 0 ? ((f.summary.requests / f.per) * 1000).toFixed(1) : 'n/a';
    lines.push(
      `| ${f.run} | ${f.events} | ${f.summary.requests} | ${f.summary.notModified ?? 0} | ${f.counted} | ${f.secondary} | ${f.peakPerMinute} | ${perK}${f.per !== f.events ? ' (per 1,000 synced)' : ''} | ${f.seconds.toFixed(1)} s |`,
    );
  }
  process.stdout.write(
    `\nbench/github-sync — ${options.repos} repositories × the recorded panjf2000/ants history, ` +
      `${options.latencyMs} ms per request, GitHub limits simulated (5,000/h, 100 concurrent, 900/min, retry-after 60 s), ` +
      `Node ${process.version}, ${new Date().toISOString()}\n\n${lines.join('\n')}\n`,
  );
}
