import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '@pushpull/config';
import { addUser, type Pipeline, servePipeline } from '@pushpull/service-all-in-one';
import { simulateOrganisation } from '@pushpull/simulator';
import { createScratchDatabase } from '@pushpull/store';
import { requireServices } from '@pushpull/testkit';
import { sql } from 'kysely';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testLogger } from '../support/test-pipeline';

/**
 * The dashboard in a real browser (Debian's chromium through playwright-core) on Postgres: a small
 * simulated org is ingested, then each role logs in, opens every page it may, the figures shown are
 * compared with SQL on the database, refusals are checked, and a screenshot of each page is saved
 * under test-results/screenshots/.
 */
const env = requireServices('dashboard in a browser on Postgres', ['DATABASE_URL']);
const CHROMIUM = process.env.PUSHPULL_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (env && !hasChromium) {
  if (process.env.PUSHPULL_REQUIRE_SERVICES === '1') {
    throw new Error(`chromium is required at ${CHROMIUM} (apt-get install chromium)`);
  }
  process.stderr.write(`[skipped] dashboard browser suite: install chromium (apt-get install chromium)\n`);
}
const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
const DAY = 86_400_000;
const start = new Date(Date.now() - 35 * DAY).toISOString().slice(0, 10);
const SIM = { seed: 11, people: 40, days: 28, start } as const;
const CEO = 'p:noor.mendes@acme.example'; // 3 direct reports: a team below the minimum group size
const VP = 'p:fatima.petrov@acme.example'; // 7 direct reports
const EVIL = 'p:farid.ivanova@acme.example';
const EVIL_NAME = 'Farid <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> Ivanova';
const PASSWORDS = { admin: 'e2e-admin-password', ana: 'analyst-password', noor: 'leader-password' };

const pct = (part: number, whole: number, min = 5) =>
  whole < min || whole === 0 ? 'not enough data' : `${Math.round((part / whole) * 100)}%`;

describe.skipIf(!env || !hasChromium)('dashboard in chromium: roles, figures, refusals, escaping', () => {
  let pipeline: Pipeline;
  let drop: () => Promise<void>;
  let browser: Browser;
  let dataDir: string;
  let range: { from: string; to: string };
  const sim = simulateOrganisation(SIM);

  const db = () => pipeline.runtime.store.db;
  const url = (hash = '') => `${pipeline.dashboard!.url}/${hash}`;

  async function login(user: keyof typeof PASSWORDS): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(url());
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', PASSWORDS[user]);
    await page.click('form#login button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
    return page;
  }

  async function open(page: Page, hash: string, shot: string): Promise<string> {
    await page.evaluate("document.getElementById('app')?.removeAttribute('data-ready')");
    await page.goto(url(hash));
    await page.waitForSelector('#app[data-ready]');
    await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
    return (await page.textContent('#app')) ?? '';
  }

  /** push/pull/proactive per direction of some people in the period, straight from the rollups. */
  async function sums(personIds: string[]) {
    const { rows } = await sql<{ direction: string; mode: string; initiative: string; n: number }>`
      select direction, mode, initiative, sum(events)::int as n from rollup_daily
      where person_id in (${sql.join(personIds)}) and day >= ${range.from}::date and day < ${range.to}::date
      group by 1, 2, 3`.execute(db());
    const get = (direction: string, mode: string, initiative?: string) =>
      rows
        .filter(
          (r) => r.direction === direction && r.mode === mode && (!initiative || r.initiative === initiative),
        )
        .reduce((s, r) => s + r.n, 0);
    return { get };
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const scratch = await createScratchDatabase(env!.DATABASE_URL);
    drop = scratch.drop;
    dataDir = mkdtempSync(path.join(tmpdir(), 'pushpull-browser-'));
    const config = parseConfig({
      DATABASE_URL: scratch.url,
      PUSHPULL_DATA_DIR: dataDir,
      PORT: '0',
      PUSHPULL_ADMIN_PASSWORD: PASSWORDS.admin,
    });
    pipeline = await servePipeline({ config, logger: testLogger(), simulate: SIM, announce: () => {} });
    await pipeline.settled(120_000);
    await sql`update org_person set name = ${EVIL_NAME} where person_id = ${EVIL}`.execute(db());
    await addUser(pipeline.runtime.store, { username: 'ana', password: PASSWORDS.ana, role: 'analyst' });
    await addUser(pipeline.runtime.store, {
      username: 'noor',
      password: PASSWORDS.noor,
      role: 'leader',
      personEmail: 'noor.mendes@acme.example',
    });
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    range = {
      from: new Date(today + DAY - 90 * DAY).toISOString().slice(0, 10),
      to: new Date(today + DAY).toISOString().slice(0, 10),
    };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline?.stop();
    await drop?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('admin: overview figures match the database; a <script> name renders as text', async () => {
    const page = await login('admin');
    const text = await open(page, '#/overview', 'admin-overview');
    const { rows: leaders } = await sql<{ person_id: string }>`
      select distinct m.person_id from org_person p join org_person m on m.email = p.manager_email`.execute(
      db(),
    );
    expect(await page.locator('[data-testid=overview-table] tbody tr').count()).toBe(leaders.length);
    for (const { person_id } of leaders) {
      const s = await sums([person_id]);
      const row = page.locator(`[data-testid=overview-table] tr[data-id="${person_id}"]`);
      expect(await row.locator('[data-field=upwardProactivity] [data-ratio]').textContent()).toBe(
        pct(s.get('up', 'push', 'proactive'), s.get('up', 'push')),
      );
      const down = s.get('down', 'push') + s.get('down', 'pull');
      expect(await row.locator('[data-field=downwardPullShare] [data-ratio]').textContent()).toBe(
        pct(s.get('down', 'pull'), down),
      );
      expect(await row.locator('[data-field=downwardPullShare] small').textContent()).toBe(` (n=${down})`);
    }
    expect(await page.locator('[data-testid=overview-chart] canvas').count()).toBeGreaterThan(0);
    expect(text).toContain(EVIL_NAME);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#app script, #app img').count()).toBe(0);
  });

  it("admin: a leader's page shows the database's counts, reasons and links", async () => {
    const page = await login('admin');
    await open(page, `#/leader/${encodeURIComponent(VP)}`, 'admin-leader');
    const s = await sums([VP]);
    for (const d of ['up', 'down', 'peer', 'external']) {
      const row = page.locator(`[data-testid=directions] tr[data-direction=${d}]`);
      expect(Number(await row.locator('[data-field=push]').textContent())).toBe(s.get(d, 'push'));
      expect(Number(await row.locator('[data-field=pull]').textContent())).toBe(s.get(d, 'pull'));
      expect(await row.locator('[data-field=pushShare] [data-ratio]').textContent()).toBe(
        pct(s.get(d, 'push'), s.get(d, 'push') + s.get(d, 'pull')),
      );
    }
    const { rows: reasons } = await sql<{ reason: string; mode: string; n: number }>`
      select r.reason, f.mode, count(*)::int as n from labeled_fact f
      cross join lateral jsonb_array_elements_text(f.reasons) r(reason)
      where f.actor_person_id = ${VP} and f.occurred_at >= ${`${range.from}T00:00:00Z`}::timestamptz
      group by 1, 2 order by 3 desc, 1, 2 limit 1`.execute(db());
    const top = reasons[0]!;
    const topRow = page.locator(
      `[data-testid=reasons] tr[data-reason="${top.reason}"][data-mode="${top.mode}"]`,
    );
    expect(Number(await topRow.locator('[data-field=events]').textContent())).toBe(top.n);
    const hrefs = await page
      .locator('[data-testid=reasons] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    const urls = new Set(sim.events.map((e) => e.url));
    expect(hrefs.every((h) => urls.has(h ?? ''))).toBe(true);
    expect(await page.locator('[data-testid=weekly-chart] canvas').count()).toBeGreaterThan(0);
    // Pulls of the VP's manager addressed to the VP in the period, and how many the VP answered
    // (a responsive push naming the pull in respondsTo).
    const { rows: asked } = await sql<{ pulls: number; answered: number }>`
      select count(distinct f.event_id)::int as pulls,
             count(distinct f.event_id) filter (where exists (
               select 1 from labeled_fact a where a.responds_to = f.event_id and a.actor_person_id = ${VP}
                 and a.mode = 'push'))::int as answered
      from labeled_fact f join edge_fact e on e.event_id = f.event_id
      where f.mode = 'pull' and e.target_person_id = ${VP} and e.direction = 'down' and e.distance = 1
        and not e.broadcast and f.occurred_at >= ${`${range.from}T00:00:00Z`}::timestamptz
        and f.occurred_at < ${`${range.to}T00:00:00Z`}::timestamptz`.execute(db());
    const response = await page.textContent('[data-field=responseTime]');
    expect(response).toContain(`${asked[0]!.answered} of ${asked[0]!.pulls} pulls answered`);
  });

  it('admin: team and pipeline pages match the database', async () => {
    const page = await login('admin');
    await open(page, `#/team/${encodeURIComponent(VP)}`, 'admin-team');
    const { rows: members } = await sql<{ person_id: string }>`
      select p.person_id from org_person p join org_person m on m.email = p.manager_email
      where m.person_id = ${VP}`.execute(db());
    const s = await sums(members.map((m) => m.person_id));
    expect(await page.locator('[data-testid=team-members] tbody tr').count()).toBe(members.length);
    for (const d of ['up', 'down', 'peer']) {
      const row = page.locator(`[data-testid=team-directions] tr[data-direction=${d}]`);
      expect(Number(await row.locator('[data-field=push]').textContent())).toBe(s.get(d, 'push'));
      expect(Number(await row.locator('[data-field=pull]').textContent())).toBe(s.get(d, 'pull'));
    }
    await open(page, '#/teams', 'admin-teams');
    await open(page, '#/pipeline', 'admin-pipeline');
    const { rows: stored } = await sql<{ source: string; n: number }>`
      select source, count(*)::int as n from labeled_fact group by 1`.execute(db());
    for (const { source, n } of stored) {
      expect(
        Number(await page.textContent(`[data-testid=stored] tr[data-source=${source}] [data-field=events]`)),
      ).toBe(n);
    }
    expect(
      await page.textContent('[data-testid=consumers] tr[data-consumer=aggregator] [data-field=lag]'),
    ).toBe('0');
    expect(await page.locator('[data-testid=dlq] tbody tr').count()).toBe(2);
  });

  it('leader: own page only, own teams only, none below the minimum group size', async () => {
    const page = await login('noor');
    const own = await open(page, '', 'leader-own-page');
    expect(await page.textContent('[data-testid=leader-name]')).toBe('Noor Mendes');
    expect(own).toMatch(/Not shown: team of 3 is below the minimum group size of 5/);
    const s = await sums([CEO]);
    expect(
      Number(await page.textContent('[data-testid=directions] tr[data-direction=down] [data-field=push]')),
    ).toBe(s.get('down', 'push'));
    const other = await open(page, `#/leader/${encodeURIComponent(VP)}`, 'leader-refused-other-leader');
    expect(other).toMatch(/leaders can open only their own page/);
    const small = await open(page, `#/team/${encodeURIComponent(CEO)}`, 'leader-refused-small-team');
    expect(small).toMatch(/3 members, below the minimum group size of 5/);
    await open(page, `#/team/${encodeURIComponent(VP)}`, 'leader-subtree-team');
    expect(await page.textContent('[data-testid=team-name]')).toBe('Team of Fatima Petrov');
    expect(await page.locator('[data-testid=team-members]').count()).toBe(0);
    await open(page, '#/teams', 'leader-teams');
    const status = await page.evaluate(async (vp) => {
      const res = await fetch(`/api/leaders/${encodeURIComponent(vp)}`);
      const overview = await fetch('/api/overview');
      const pipeline = await fetch('/api/pipeline');
      return [res.status, overview.status, pipeline.status];
    }, VP);
    expect(status).toEqual([403, 403, 403]);
  });

  it('analyst: pseudonymised overview, teams of 5 or more, no named leader page', async () => {
    const page = await login('ana');
    const text = await open(page, '#/overview', 'analyst-overview');
    expect(text).not.toMatch(/acme\.example|Fatima|Noor/);
    const ids = await page
      .locator('[data-testid=overview-table] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids.length).toBeGreaterThan(3);
    expect(ids.every((id) => /^leader-[0-9a-f]{8}$/.test(id ?? ''))).toBe(true);
    await open(page, '#/teams', 'analyst-teams');
    const sizes = await page.locator('[data-testid=teams] [data-field=members]').allTextContents();
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every((n) => Number(n) >= 5)).toBe(true);
    await open(page, `#/team/${encodeURIComponent(VP)}`, 'analyst-team');
    const refused = await open(page, `#/leader/${encodeURIComponent(VP)}`, 'analyst-refused-leader');
    expect(refused).toMatch(/analysts see aggregates/);
  });

  it('no API response carries message text the simulator generated', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`admin:${PASSWORDS.admin}`).toString('base64')}` };
    const get = async (p: string) => {
      const res = await fetch(`${pipeline.dashboard!.url}${p}`, { headers: auth });
      expect(res.status, p).toBe(200);
      return res.text();
    };
    const { rows: leaders } = await sql<{ person_id: string }>`
      select distinct m.person_id from org_person p join org_person m on m.email = p.manager_email`.execute(
      db(),
    );
    const bodies = [
      await get('/api/me'),
      await get('/api/leaders'),
      await get('/api/overview'),
      await get('/api/teams'),
      await get('/api/pipeline'),
      await get('/report/leaders'),
    ];
    for (const { person_id } of leaders) {
      bodies.push(await get(`/api/leaders/${encodeURIComponent(person_id)}`));
      bodies.push(await get(`/api/teams/${encodeURIComponent(person_id)}`));
    }
    const texts = new Set<string>();
    for (const e of sim.events) {
      for (const t of [e.subject, e.text]) if (t && t.length >= 12) texts.add(t);
    }
    expect(texts.size).toBeGreaterThan(100);
    const all = bodies.join('\n');
    const leaked = [...texts].filter((t) => all.includes(t));
    expect(leaked).toEqual([]);
    expect(all).not.toContain('<script>');
  });
});
