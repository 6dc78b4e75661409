import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  type ApiItem,
  emptyRepo,
  GITHUB_DOUBLE_TOKEN,
  type GithubDouble,
  type GithubDoubleOptions,
  type RepoSeed,
  recordedRepo,
  startGithubDouble,
} from '@pushpull/api-doubles/github';
import { getCursor, openStore, type Store, setCursor } from '@pushpull/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../kit/connector';
import { runSync } from '../kit/run-sync';
import { storeCursorStore } from '../kit/store-cursor-store';
import { memorySink } from '../testing/test-sync-context';
import { createGithubConnector, type GithubConnectorConfig } from './create-github-connector';

const SINCE = new Date('2018-01-01T00:00:00Z');

/** The ids one full sync must emit, counted from the recorded payloads without the connector's mappers. */
function expectedIds(seed: RepoSeed): Set<string> {
  const repo = seed.fullName;
  const human = (u: unknown) => {
    const user = u as { login?: string; type?: string } | null;
    return !!user?.login && user.type === 'User' && !user.login.endsWith('[bot]');
  };
  const ids = new Set<string>();
  for (const p of seed.pulls) if (human(p.user)) ids.add(`github:${repo}:pull_request:${p.number}:opened`);
  for (const i of seed.issues) {
    if (human(i.user) && !i.pull_request) ids.add(`github:${repo}:issue:${i.number}:opened`);
  }
  for (const c of seed.issueComments) if (human(c.user)) ids.add(`github:${repo}:issue_comment:${c.id}`);
  for (const r of Object.values(seed.reviews).flat()) {
    if (human(r.user) && r.submitted_at) ids.add(`github:${repo}:review:${r.id}`);
  }
  for (const c of seed.reviewComments) if (human(c.user)) ids.add(`github:${repo}:review_comment:${c.id}`);
  for (const e of seed.issueEvents) {
    if (e.event === 'assigned' && human(e.actor)) ids.add(`github:${repo}:issue_event:${e.id}`);
  }
  return ids;
}

let store: Store;
let gh: GithubDouble | null = null;
beforeAll(async () => {
  store = await openStore({ dataDir: mkdtempSync(path.join(tmpdir(), 'github-connector-')) });
});
afterAll(async () => store.close());
afterEach(async () => {
  await gh?.close();
  gh = null;
});

async function double(options: GithubDoubleOptions): Promise<GithubDouble> {
  gh = await startGithubDouble(options);
  return gh;
}

function connector(config: Partial<GithubConnectorConfig> & { repos: string[] }) {
  return createGithubConnector({
    token: GITHUB_DOUBLE_TOKEN,
    apiUrl: gh!.url,
    retryBaseMs: 20,
    requestSpacingMs: 0,
    ...config,
  });
}

const cursors = () => storeCursorStore(store.db, 'github');

async function sync(config: Partial<GithubConnectorConfig> & { repos: string[] }, extra = {}) {
  const sink = memorySink();
  const summary = await runSync({
    connector: connector(config),
    cursors: cursors(),
    sink,
    since: SINCE,
    ...extra,
  });
  return { summary, events: sink.events };
}

describe('GitHub connector against the double seeded with panjf2000/ants', () => {
  it('emits one event per PR, issue, comment, review, review comment and assignment; re-runs cost little', async () => {
    const seed = recordedRepo('runs/ants');
    await double({ repos: [seed] });
    const expected = expectedIds(seed);
    expect(expected.size).toBe(217); // 49 PRs, 26 issues, 86 human comments, 30 reviews, 16 review comments, 10 assignments

    const first = await sync({ repos: ['runs/ants'] });
    const ids = first.events.map((e) => e.id);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(expected);
    expect(first.summary).toMatchObject({ events: 217, scopes: 1, skipped: [] });
    expect(first.summary.requests).toBe(55); // rate_limit + 5 lists + 49 PR review lists

    const logAt = gh!.requestLog.length;
    const second = await sync({ repos: ['runs/ants'] });
    expect(second.events).toEqual([]);
    expect(second.summary.requests).toBe(6);
    // pulls and issue events (no `since`) repeat their URL and ETag: free 304s. The `since` lists
    // get a new URL each run, unless the runs fall in the same second — so at least 2.
    expect(second.summary.notModified).toBeGreaterThanOrEqual(2);
    expect(gh!.requestLog.slice(logAt).filter((r) => r.counted).length).toBeLessThanOrEqual(3);

    const comment = gh!.addIssueComment('runs/ants', 5, { login: 'alice', body: 'Any news, @panjf2000?' });
    gh!.addIssueComment('runs/ants', 5, { login: 'ci-helper[bot]', userType: 'Bot', body: 'beep' });
    const third = await sync({ repos: ['runs/ants'] });
    expect(third.events.map((e) => e.id)).toEqual([`github:runs/ants:issue_comment:${comment.id}`]);
    expect(third.events[0]).toMatchObject({
      actor: { githubLogin: 'alice' },
      targets: [{ githubLogin: 'panjf2000', role: 'mention' }],
      conversationId: 'github:runs/ants:issue:5',
    });

    const fourth = await sync({ repos: ['runs/ants'] });
    expect(fourth.events).toEqual([]);
    expect(fourth.summary.requests).toBe(6);
    expect(fourth.summary.notModified).toBeGreaterThanOrEqual(3); // + the issue comment list's ETag now

    // Forget the cursor: a full re-sync maps the same payloads to the very same events.
    await setCursor(store.db, 'github', 'runs/ants', '{"v":1}');
    const again = await sync({ repos: ['runs/ants'] });
    const byId = new Map(first.events.map((e) => [e.id, e]));
    expect(again.events).toHaveLength(218);
    for (const e of again.events) if (byId.has(e.id)) expect(e).toEqual(byId.get(e.id));
  }, 60_000);

  it('resumes where a cursor of version 1 (before the kit format) left off: finished, and mid-pass', async () => {
    const seed = recordedRepo('upgrade/ants');
    await double({ repos: [seed] });
    const first = await sync({ repos: ['upgrade/ants'] });
    expect(first.summary.events).toBe(217);
    // The same state as version 1 stored it: per-endpoint since, ETags by first-page URL, recent ids.
    const saved = JSON.parse((await getCursor(store.db, 'github', 'upgrade/ants'))!);
    expect(saved).toMatchObject({ v: 2, pass: null });
    const streams = Object.entries(
      saved.streams as Record<string, { mark: string; etag: { url: string; tag: string } | null }>,
    );
    const v1 = {
      v: 1,
      since: Object.fromEntries(streams.map(([phase, s]) => [phase, s.mark])),
      etags: Object.fromEntries(streams.flatMap(([, s]) => (s.etag ? [[s.etag.url, s.etag.tag]] : []))),
      recent: (saved.seen as { id: string; at: string; stream: string }[]).map((r) => ({
        ...r,
        phase: r.stream,
      })),
    };
    await setCursor(store.db, 'github', 'upgrade/ants', JSON.stringify(v1));
    const second = await sync({ repos: ['upgrade/ants'] });
    expect(second.events).toEqual([]);
    expect(second.summary.requests).toBe(6); // as an ordinary second run: the ETags were kept
    expect(second.summary.notModified).toBeGreaterThanOrEqual(2);
    expect(JSON.parse((await getCursor(store.db, 'github', 'upgrade/ants'))!)).toMatchObject({ v: 2 });

    // Killed during version 1's pass, after pulls and issues: only the remaining endpoints are read.
    const midPass = {
      v: 1,
      pass: {
        startedAt: new Date().toISOString(),
        phase: 'issue_comments',
        next: null,
        changed: ['pulls', 'issues'],
        etags: {},
        recent: [],
      },
    };
    await setCursor(store.db, 'github', 'upgrade/ants', JSON.stringify(midPass));
    const resumed = await sync({ repos: ['upgrade/ants'] });
    const rest = [...expectedIds(seed)].filter((id) =>
      /:(issue_comment|review_comment|issue_event):/.test(id),
    );
    expect(rest.length).toBe(112); // 86 issue comments, 16 review comments, 10 assignments
    expect(new Set(resumed.events.map((e) => e.id))).toEqual(new Set(rest));
  }, 60_000);

  it('pages by Link with small pages and reports progress', async () => {
    const seed = recordedRepo('paging/ants');
    await double({ repos: [seed] });
    const progress: SyncProgress[] = [];
    const run = await sync(
      { repos: ['paging/ants'], perPage: 10 },
      { onProgress: (p: SyncProgress) => progress.push(p) },
    );
    expect(new Set(run.events.map((e) => e.id))).toEqual(expectedIds(seed));
    expect(gh!.requestLog.filter((r) => /[?&]page=\d/.test(r.path)).length).toBeGreaterThan(15);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ scopesDone: 1, scopesTotal: 1, events: 217 });
    expect(last.rateLimitRemaining).toBeGreaterThan(4900);
    expect(progress.length).toBeGreaterThan(25);
  }, 60_000);

  it('injected 403 secondary limits, 429s and 502s delay the sync but lose nothing', async () => {
    const seed = recordedRepo('faults/ants');
    await double({ repos: [seed] });
    gh!.injectFaults({ secondaryLimit403: 2, rateLimit429: 2, badGateway502: 3, retryAfterSeconds: 1 });
    const started = Date.now();
    const run = await sync({ repos: ['faults/ants'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(new Set(run.events.map((e) => e.id))).toEqual(expectedIds(seed));
    const statuses = gh!.requestLog.map((r) => r.status);
    expect(statuses.filter((s) => s === 403)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(statuses.filter((s) => s === 502)).toHaveLength(3);
    expect(run.summary.requests).toBe(55 + 7);
  }, 60_000);

  it('waits for the primary reset instead of running the budget dry', async () => {
    const seed = recordedRepo('primary/ants');
    await double({ repos: [seed], rateLimit: 25, rateWindowMs: 1500 });
    const run = await sync({ repos: ['primary/ants'] });
    expect(new Set(run.events.map((e) => e.id))).toEqual(expectedIds(seed));
    expect(gh!.requestLog.filter((r) => r.status === 403)).toEqual([]);
  }, 60_000);

  it('reports 401 and 404 repositories as skipped and syncs the others', async () => {
    const seed = recordedRepo('skips/ants');
    await double({ repos: [seed, emptyRepo('skips/secret')] });
    gh!.injectFaults({ unauthorizedRepos: ['skips/secret'] });
    const run = await sync({ repos: ['skips/secret', 'skips/missing', 'skips/ants'] });
    expect(run.summary.skipped).toEqual([
      { scope: 'skips/secret', reason: 'unauthorized (401)' },
      { scope: 'skips/missing', reason: 'not found (404)' },
    ]);
    expect(run.summary.scopes).toBe(1);
    expect(new Set(run.events.map((e) => e.id))).toEqual(expectedIds(seed));
  }, 60_000);

  it('paces requests for GitHub secondary limits unless told not to', () => {
    const base = { token: GITHUB_DOUBLE_TOKEN, apiUrl: 'https://api.github.com', repos: ['a/b'] };
    expect(createGithubConnector(base).requestSpacingMs).toBe(67);
    expect(createGithubConnector({ ...base, requestSpacingMs: 0 }).requestSpacingMs).toBe(0);
  });

  it('syncs every repository of an organisation', async () => {
    const one = recordedRepo('org-a/one');
    await double({ repos: [one, emptyRepo('org-a/two')] });
    const run = await sync({ org: 'org-a', repos: [] });
    expect(run.summary).toMatchObject({ scopes: 2, skipped: [] });
    expect(new Set(run.events.map((e) => e.id))).toEqual(expectedIds(one));
    await expect(sync({ org: 'no-such-org', repos: [] })).rejects.toMatchObject({
      code: 'GITHUB_ORG_NOT_FOUND',
    });
  }, 60_000);

  it('never lets the token into logs, progress, errors or events', async () => {
    const token = 'ghp_Sup3rSecretT0kenForPushpullTests0001';
    const seed = recordedRepo('secret/ants');
    const withComment: ApiItem = {
      ...seed.issueComments[0]!,
      body: `please do not leak ${token.slice(0, 4)}`,
    };
    seed.issueComments[0] = withComment;
    await double({ repos: [seed, emptyRepo('secret/locked')], tokens: [token] });
    gh!.injectFaults({
      secondaryLimit403: 1,
      badGateway502: 1,
      retryAfterSeconds: 1,
      unauthorizedRepos: ['secret/locked'],
    });
    const seen: unknown[] = [];
    const log = (level: string, fields: Record<string, unknown>, message: string) =>
      seen.push({ level, fields, message });
    const sink = memorySink();
    const summary = await runSync({
      connector: createGithubConnector({
        token,
        apiUrl: gh!.url,
        repos: ['secret/ants', 'secret/locked'],
        retryBaseMs: 20,
        requestSpacingMs: 0,
      }),
      cursors: cursors(),
      sink,
      since: SINCE,
      log,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.some((s) => (s as { level?: string }).level === 'warn')).toBe(true);
    seen.push(summary, sink.events);
    const errors: unknown[] = [];
    await runSync({
      connector: createGithubConnector({ token: `${token}x`, apiUrl: gh!.url, repos: ['secret/ants'] }),
      cursors: cursors(),
      sink,
      log,
    }).catch((err: unknown) => errors.push(err));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'GITHUB_UNAUTHORIZED' });
    try {
      createGithubConnector({ token, apiUrl: 'not a url', repos: ['a/b'] });
    } catch (err) {
      errors.push(err);
    }
    expect(errors).toHaveLength(2);
    const everything = [
      JSON.stringify(seen),
      ...errors.map(
        (e) => `${String(e)} ${JSON.stringify(e)} ${inspect(e, { depth: 20, showHidden: true })}`,
      ),
    ].join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.slice(4, 20));
  }, 60_000);
});
