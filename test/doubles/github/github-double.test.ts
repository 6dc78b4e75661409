import { afterEach, describe, expect, it } from 'vitest';
import { GITHUB_DOUBLE_TOKEN, type GithubDouble, startGithubDouble } from './github-double';
import { emptyRepo, recordedRepo } from './recorded-repo';

const auth = { authorization: `token ${GITHUB_DOUBLE_TOKEN}` };
let gh: GithubDouble | null = null;

afterEach(async () => {
  await gh?.close();
  gh = null;
});

async function get(path: string, headers: Record<string, string> = auth) {
  const res = await fetch(`${gh!.url}${path}`, { headers });
  const text = await res.text();
  return { res, body: text ? (JSON.parse(text) as Record<string, unknown>[]) : null };
}

describe('github double', () => {
  it('pages with Link rel="next"/"last", 30 by default and at most 100 per page', async () => {
    gh = await startGithubDouble();
    const first = await get('/repos/panjf2000/ants/issues/comments');
    expect(first.body).toHaveLength(30);
    expect(first.res.headers.get('link')).toMatch(/[?&]page=2>; rel="next"/);
    expect(first.res.headers.get('link')).toMatch(/[?&]page=4>; rel="last"/);
    const capped = await get('/repos/panjf2000/ants/issues/comments?per_page=500');
    expect(capped.body).toHaveLength(94);
    expect(capped.res.headers.get('link')).toBeNull();
    const next = /<([^>]+)>; rel="next"/.exec(first.res.headers.get('link')!)![1]!;
    const second = await get(new URL(next).pathname + new URL(next).search);
    expect(second.body![0]!.id).not.toBe(first.body![0]!.id);
    expect(second.res.headers.get('link')).toMatch(/rel="prev"/);
  });

  it('filters by since (updated at or after) and state, and sorts as asked', async () => {
    gh = await startGithubDouble();
    const all = (await get('/repos/panjf2000/ants/issues?state=all&per_page=100')).body!;
    expect(all).toHaveLength(41);
    const open = (await get('/repos/panjf2000/ants/issues?per_page=100')).body!;
    expect(open.every((i) => i.state === 'open')).toBe(true);
    const since = '2019-06-01T00:00:00Z';
    const recent = (await get(`/repos/panjf2000/ants/issues?state=all&per_page=100&since=${since}`)).body!;
    expect(recent.length).toBe(all.filter((i) => String(i.updated_at) >= since).length);
    expect(recent.length).toBeGreaterThan(0);
    const pulls = (
      await get('/repos/panjf2000/ants/pulls?state=all&sort=updated&direction=desc&per_page=100')
    ).body!;
    const updated = pulls.map((p) => String(p.updated_at));
    expect(updated).toEqual([...updated].sort().reverse());
    const events = (await get('/repos/panjf2000/ants/issues/events?per_page=100')).body!;
    expect(events.map((e) => Number(e.id))).toEqual(events.map((e) => Number(e.id)).sort((a, b) => b - a));
  });

  it('answers 304 to a matching If-None-Match without spending the primary limit', async () => {
    gh = await startGithubDouble();
    const first = await get('/repos/panjf2000/ants/pulls?state=all');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    const remaining = Number(first.res.headers.get('x-ratelimit-remaining'));
    const again = await get('/repos/panjf2000/ants/pulls?state=all', { ...auth, 'if-none-match': etag });
    expect(again.res.status).toBe(304);
    expect(Number(again.res.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    gh.addIssueComment('panjf2000/ants', 4, { login: 'someone', body: 'ping' });
    const changed = await get('/repos/panjf2000/ants/pulls?state=all&sort=updated&direction=desc', {
      ...auth,
      'if-none-match': etag,
    });
    expect(changed.res.status).toBe(200);
    expect(gh.requestLog.map((r) => r.counted)).toEqual([true, false, true]);
  });

  it('keeps a real primary window per token: headers, 403 when spent, a fresh window after reset', async () => {
    let clock = Date.parse('2024-05-01T10:00:00Z');
    gh = await startGithubDouble({ rateLimit: 3, now: () => clock });
    const r1 = await get('/repos/panjf2000/ants/issues');
    expect(r1.res.headers.get('x-ratelimit-limit')).toBe('3');
    expect(r1.res.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(r1.res.headers.get('x-ratelimit-used')).toBe('1');
    expect(Number(r1.res.headers.get('x-ratelimit-reset'))).toBe(clock / 1000 + 3600);
    await get('/repos/panjf2000/ants/issues');
    await get('/repos/panjf2000/ants/issues');
    const spent = await get('/repos/panjf2000/ants/issues');
    expect(spent.res.status).toBe(403);
    expect(spent.res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(JSON.stringify(spent.body)).toMatch(/API rate limit exceeded/);
    clock += 3_600_000;
    const fresh = await get('/repos/panjf2000/ants/issues');
    expect(fresh.res.status).toBe(200);
    expect(fresh.res.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('applies secondary limits: concurrency and points per minute answer 403 with retry-after', async () => {
    gh = await startGithubDouble({ maxConcurrent: 2, latencyMs: 50, retryAfterSeconds: 7 });
    const answers = await Promise.all([1, 2, 3, 4].map(() => get('/repos/panjf2000/ants/issues')));
    const refused = answers.filter((a) => a.res.status === 403);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.res.headers.get('retry-after')).toBe('7');
    expect(JSON.stringify(refused[0]!.body)).toMatch(/secondary rate limit/);
    await gh.close();
    let clock = 1_000_000;
    gh = await startGithubDouble({ pointsPerMinute: 2, now: () => clock });
    await get('/repos/panjf2000/ants/issues');
    clock += 20_000;
    await get('/repos/panjf2000/ants/issues');
    const third = await get('/repos/panjf2000/ants/issues');
    expect(third.res.status).toBe(403);
    expect(third.res.headers.get('retry-after')).toBe('40');
    clock += 40_000;
    expect((await get('/repos/panjf2000/ants/issues')).res.status).toBe(200);
  });

  it('injects 403/429 secondary limits, 502s and per-repository 401s', async () => {
    gh = await startGithubDouble({ repos: [recordedRepo(), emptyRepo('acme/secret')] });
    gh.injectFaults({ secondaryLimit403: 1, rateLimit429: 1, badGateway502: 1, retryAfterSeconds: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get('/repos/panjf2000/ants/issues')).res.status);
    expect(statuses.sort()).toEqual([200, 403, 429, 502]);
    gh.injectFaults({ unauthorizedRepos: ['acme/secret'] });
    expect((await get('/repos/acme/secret/issues')).res.status).toBe(401);
    expect((await get('/repos/panjf2000/ants/issues')).res.status).toBe(200);
  });

  it('refuses a bad token with 401 and unknown repositories with 404', async () => {
    gh = await startGithubDouble();
    const bad = await get('/repos/panjf2000/ants/issues', { authorization: 'token nope' });
    expect(bad.res.status).toBe(401);
    expect(JSON.stringify(bad.body)).toMatch(/Bad credentials/);
    expect((await get('/repos/panjf2000/nothing/issues')).res.status).toBe(404);
    expect((await get('/repos/panjf2000/ants/pulls/9999/reviews')).res.status).toBe(404);
  });

  it('lists organisation repositories and serves recorded reviews per pull request', async () => {
    gh = await startGithubDouble({ repos: [recordedRepo('acme/one'), emptyRepo('acme/two')] });
    const repos = (await get('/orgs/acme/repos?type=all')).body!;
    expect(repos.map((r) => r.full_name)).toEqual(['acme/one', 'acme/two']);
    const reviews = (await get('/repos/acme/one/pulls/53/reviews')).body!;
    expect(reviews).toHaveLength(15);
    expect(String(reviews[0]!.html_url)).toContain('github.com/acme/one/pull/53');
  });

  it('adds a comment that bumps its issue and pull request', async () => {
    let clock = Date.parse('2030-01-01T00:00:00.700Z');
    gh = await startGithubDouble({ now: () => clock });
    const c = gh.addIssueComment('panjf2000/ants', 4, { login: 'alice', body: 'hello' });
    expect(c.created_at).toBe('2030-01-01T00:00:00Z');
    clock += 1000;
    const since = '2030-01-01T00:00:00Z';
    expect(
      (await get(`/repos/panjf2000/ants/issues/comments?since=${since}`)).body!.map((x) => x.id),
    ).toEqual([c.id]);
    expect(
      (await get(`/repos/panjf2000/ants/issues?state=all&since=${since}`)).body!.map((x) => x.number),
    ).toEqual([4]);
    const pulls = (await get('/repos/panjf2000/ants/pulls?state=all&sort=updated&direction=desc')).body!;
    expect(pulls[0]!.number).toBe(4);
  });
});
