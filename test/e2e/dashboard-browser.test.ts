import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '@pushpull/config';
import { addUser, type Pipeline, servePipeline } from '@pushpull/service-all-in-one';
import { simulateOrganisation } from '@pushpull/simulator';
import { PSEUDONYM_PATTERN } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { requireServices } from '@pushpull/testkit';
import { sql } from 'kysely';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
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

const pctOf = (x: number) => `${Math.round(x * 100)}%`;

/** A figure cell's data attributes (see figureCell in the web UI). */
interface CellFigure {
  text: string;
  rated: boolean;
  corrected: number | null;
  low: number | null;
  high: number | null;
  raw: number | null;
  volume: number;
}

async function cellFigure(cell: Locator): Promise<CellFigure> {
  const num = async (name: string) => {
    const v = await cell.getAttribute(name);
    return v === null ? null : Number(v);
  };
  return {
    text: (await cell.locator('[data-ratio]').textContent()) ?? '',
    rated: (await cell.getAttribute('data-rated')) === 'true',
    corrected: await num('data-corrected'),
    low: await num('data-low'),
    high: await num('data-high'),
    raw: await num('data-raw'),
    volume: Number(await cell.getAttribute('data-volume')),
  };
}

/**
 * A figure as the page must show it: the raw share and the volume are the database's counts, the
 * number shown is the corrected estimate when it is rated (enough events, interval no wider than
 * 0.30) and "not enough data" otherwise, and the interval holds the corrected value.
 */
function expectFigure(f: CellFigure, part: number, whole: number, what: string) {
  expect(f.volume, what).toBe(whole);
  if (whole === 0) {
    expect(f.raw, what).toBeNull();
  } else {
    expect(f.raw, what).toBeCloseTo(part / whole, 9);
  }
  if (f.corrected !== null) {
    expect(f.low!, what).toBeLessThanOrEqual(f.corrected + 1e-12);
    expect(f.high!, what).toBeGreaterThanOrEqual(f.corrected - 1e-12);
  }
  const rated = f.corrected !== null && whole >= 5 && f.high! - f.low! <= 0.3 + 1e-12;
  expect(f.rated, what).toBe(rated);
  expect(f.text, what).toBe(rated ? pctOf(f.corrected!) : 'not enough data');
}

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

  /**
   * Every leader of the org chart as of today (people someone reports to) with their department and
   * level (managers above them, 0 = the top), straight from org_person.
   */
  async function leaderGroups() {
    const { rows } = await sql<{ person_id: string; department: string | null; level: number }>`
      with recursive cur as (
        select distinct on (email) email, person_id, manager_email, department from org_person
        where valid_from <= current_date order by email, valid_from desc
      ), chain as (
        select email, person_id, department, 0 as depth, manager_email from cur
        union all
        select c.email, c.person_id, c.department, c.depth + 1, m.manager_email
        from chain c join cur m on m.email = c.manager_email where c.depth < 50
      )
      select person_id, department, max(depth)::int as level from chain
      where email in (select manager_email from cur where manager_email <> email)
      group by 1, 2 order by 1`.execute(db());
    return rows;
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
      const proactive = s.get('up', 'push', 'proactive');
      expectFigure(
        await cellFigure(row.locator('[data-field=upwardProactivity]')),
        proactive,
        proactive + s.get('up', 'push', 'responsive'),
        `${person_id} upward proactivity`,
      );
      const down = s.get('down', 'push') + s.get('down', 'pull');
      const pullShare = await cellFigure(row.locator('[data-field=downwardPullShare]'));
      expectFigure(pullShare, s.get('down', 'pull'), down, `${person_id} downward pull share`);
      expect(await row.locator('[data-field=downwardPullShare] small').textContent()).toContain(`n=${down})`);
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
      const f = await cellFigure(row.locator('[data-field=pushShare]'));
      expectFigure(f, s.get(d, 'push'), s.get(d, 'push') + s.get(d, 'pull'), `push share ${d}`);
      // how sure, in plain words, and the words agree with the figure
      const sure = (await row.locator('[data-field=certainty]').textContent()) ?? '';
      if (f.rated)
        expect(sure).toMatch(new RegExp(`^Between ${pctOf(f.low!)} and ${pctOf(f.high!)} \\(90% sure\\)`));
      else expect(sure).toMatch(/^(Not enough data|Too uncertain to call)/);
    }
    expect(await page.textContent('[data-field=upwardProactivity] [data-field=certainty]')).toMatch(
      /^(Between|Not enough data|Too uncertain to call)/,
    );
    // the weekly trend shades each week's interval
    expect(
      Number(await page.getAttribute('[data-testid=weekly-chart]', 'data-interval-weeks')),
    ).toBeGreaterThan(0);
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
      expectFigure(
        await cellFigure(row.locator('[data-field=pushShare]')),
        s.get(d, 'push'),
        s.get(d, 'push') + s.get(d, 'pull'),
        `team push share ${d}`,
      );
    }
    expect(await page.textContent('[data-field=cultureMedian] [data-field=certainty]')).toMatch(
      /^(Median of the \d+ of \d+ direct reports with a figure|Not enough data: none of the \d+ direct reports)/,
    );
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
    expect(ids.every((id) => PSEUDONYM_PATTERN.test(id ?? ''))).toBe(true);
    // teams are listed and opened by pseudonym (issue 14 finding 1)
    const teamsText = await open(page, '#/teams', 'analyst-teams');
    expect(teamsText).not.toMatch(/acme\.example|Fatima|Noor/);
    const sizes = await page.locator('[data-testid=teams] [data-field=members]').allTextContents();
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every((n) => Number(n) >= 5)).toBe(true);
    const teamIds = await page
      .locator('[data-testid=teams] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));
    expect(teamIds.every((id) => PSEUDONYM_PATTERN.test(id))).toBe(true);
    const team = await open(page, `#/team/${encodeURIComponent(teamIds[0] ?? '')}`, 'analyst-team');
    expect(team).toContain(`Team of ${teamIds[0]}`);
    expect(team).not.toMatch(/acme\.example|Fatima|Noor/);
    const byAddress = await open(page, `#/team/${encodeURIComponent(VP)}`, 'analyst-team-by-address');
    expect(byAddress).toMatch(/analysts can open only teams/);
    const refused = await open(page, `#/leader/${encodeURIComponent(VP)}`, 'analyst-refused-leader');
    expect(refused).toMatch(/analysts see aggregates/);
  });

  it('admin: the overview scatter draws an error bar on both axes for every plotted leader', async () => {
    const page = await login('admin');
    await open(page, '#/overview', 'admin-overview-error-bars');
    const rows = page.locator('[data-testid=overview-table] tbody tr');
    const expected: string[] = [];
    for (const row of await rows.all()) {
      const x = await cellFigure(row.locator('[data-field=upwardProactivity]'));
      const y = await cellFigure(row.locator('[data-field=downwardPullShare]'));
      if (x.corrected !== null && y.corrected !== null && x.volume >= 5 && y.volume >= 5) {
        expected.push((await row.getAttribute('data-id')) ?? '');
      }
    }
    expect(expected.length).toBeGreaterThan(2);
    const bars = JSON.parse(
      (await page.getAttribute('[data-testid=overview-chart]', 'data-error-bars')) ?? '[]',
    ) as { id: string; x: number; y: number; x0: number; x1: number; y0: number; y1: number }[];
    expect(bars.map((b) => b.id).sort()).toEqual([...expected].sort());
    // each bar spans its point, and its ends are painted on the canvas (not transparent)
    type Canvas2d = {
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
      };
    };
    const painted = await page
      .locator('[data-testid=overview-chart] canvas')
      .first()
      .evaluate((canvas, list) => {
        const ctx = (canvas as unknown as Canvas2d).getContext('2d');
        // the most opaque pixel around the point (a 1px line at a fractional position is anti-aliased)
        const alpha = (x: number, y: number) => {
          const d = ctx.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data;
          let max = 0;
          for (let i = 3; i < d.length; i += 4) max = Math.max(max, d[i]!);
          return max;
        };
        return list.map((b) => [alpha(b.x0, b.y), alpha(b.x1, b.y), alpha(b.x, b.y0), alpha(b.x, b.y1)]);
      }, bars);
    for (const [i, b] of bars.entries()) {
      expect(b.x0).toBeLessThanOrEqual(b.x + 0.5);
      expect(b.x1).toBeGreaterThanOrEqual(b.x - 0.5);
      expect(b.y1).toBeLessThanOrEqual(b.y + 0.5); // canvas y grows downwards: high is above
      expect(b.y0).toBeGreaterThanOrEqual(b.y - 0.5);
      expect(Math.min(...painted[i]!), b.id).toBeGreaterThan(100);
    }
  });

  it('admin: department and level filters select what the org chart says, histograms follow', async () => {
    const page = await login('admin');
    const groups = await leaderGroups();
    const ids = async () =>
      (
        await page
          .locator('[data-testid=overview-table] tbody tr')
          .evaluateAll((trs) => trs.map((r) => r.getAttribute('data-id') ?? ''))
      ).sort();
    await open(page, '#/overview', 'admin-overview-all');
    expect(await ids()).toEqual(groups.map((g) => g.person_id).sort());

    const department = 'Engineering';
    await page.selectOption('[data-testid=filters] select[name=department]', department);
    await page.waitForURL(/department=Engineering/);
    await page.waitForSelector('#app[data-ready]');
    const inDepartment = groups.filter((g) => g.department === department);
    expect(inDepartment.length).toBeGreaterThan(1);
    expect(await ids()).toEqual(inDepartment.map((g) => g.person_id).sort());
    for (const g of inDepartment) {
      const row = page.locator(`[data-testid=overview-table] tr[data-id="${g.person_id}"]`);
      expect(await row.locator('[data-field=department]').textContent()).toBe(department);
      expect(await row.locator('[data-field=level]').textContent()).toBe(String(g.level));
    }
    expect(await page.textContent('[data-testid=selection]')).toContain('department Engineering');
    await page.screenshot({ path: path.join(SHOTS, 'admin-overview-engineering.png'), fullPage: true });

    // the histogram of downward pull share counts the rated figures of the selected leaders, per bin
    const values: number[] = [];
    for (const row of await page.locator('[data-testid=overview-table] tbody tr').all()) {
      const f = await cellFigure(row.locator('[data-field=downwardPullShare]'));
      if (f.rated) values.push(f.corrected!);
    }
    const histogram = page.locator('[data-testid=distribution][data-metric=downwardPullShare]');
    const bins = await histogram.locator('rect[data-bin]').evaluateAll((rects) =>
      rects.map((r) => ({
        from: Number(r.getAttribute('data-from')),
        to: Number(r.getAttribute('data-to')),
        count: Number(r.getAttribute('data-count')),
      })),
    );
    expect(bins).toHaveLength(10);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
    for (const [i, b] of bins.entries()) {
      const n = values.filter((v) => Math.min(9, Math.floor(v * 10 + 1e-9)) === i).length;
      expect(b.count, `bin ${b.from}–${b.to}`).toBe(n);
    }
    expect(await histogram.locator('rect.band').getAttribute('data-band')).toBe('0.4-0.7');
    expect(await page.locator('[data-testid=distribution]').count()).toBe(7);

    const level = Math.max(...inDepartment.map((g) => g.level));
    await page.selectOption('[data-testid=filters] select[name=level]', String(level));
    await page.waitForURL(new RegExp(`level=${level}`));
    await page.waitForSelector('#app[data-ready]');
    const both = inDepartment.filter((g) => g.level === level);
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(inDepartment.length);
    expect(await ids()).toEqual(both.map((g) => g.person_id).sort());

    // a bad level is refused by the server, naming the parameter
    const bad = await open(page, '?level=two#/overview', 'admin-overview-bad-level');
    expect(bad).toMatch(/level: a whole number/);
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/overview?level=-3');
      return [res.status, ((await res.json()) as { parameter: string }).parameter];
    });
    expect(status).toEqual([400, 'level']);
  });

  it('admin: leaders whose intervals overlap are in one tier, never ranked apart', async () => {
    const page = await login('admin');
    const text = await open(page, '#/overview', 'admin-overview-tiers');
    expect(text).toMatch(/two leaders whose 90% intervals overlap cannot be told apart/);
    for (const metric of ['downwardPullShare', 'pushShareDown', 'upwardProactivity']) {
      await page.selectOption('select[name=tier-metric]', metric);
      await page.waitForSelector(`[data-testid=tiers][data-metric=${metric}]`);
      const tiers = await page.locator('[data-testid=tiers] ol.tiers > li').evaluateAll((lis) =>
        lis.map((li) => ({
          tier: Number(li.getAttribute('data-tier')),
          members: [...li.querySelectorAll('li[data-id]')].map((m) => ({
            id: m.getAttribute('data-id') ?? '',
            name: m.querySelector('[data-field=name]')?.textContent ?? '',
            low: Number(m.getAttribute('data-low')),
            high: Number(m.getAttribute('data-high')),
          })),
        })),
      );
      for (let i = 0; i < tiers.length; i++) {
        expect(tiers[i]!.tier).toBe(i + 1);
        // within a tier: by name (the leaders table's order), not by value
        const order = await page
          .locator('[data-testid=overview-table] tbody tr')
          .evaluateAll((trs) => trs.map((r) => r.getAttribute('data-id') ?? ''));
        const ids = tiers[i]!.members.map((m) => m.id);
        expect(ids).toEqual([...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
        for (let j = i + 1; j < tiers.length; j++) {
          for (const a of tiers[i]!.members) {
            for (const b of tiers[j]!.members) {
              // a higher tier lies wholly above a lower one: no overlap
              expect(a.low, `${metric}: ${a.id} vs ${b.id}`).toBeGreaterThan(b.high);
            }
          }
        }
      }
      // every member of a shared tier overlaps another member (a chain), so none is ranked apart
      for (const t of tiers.filter((x) => x.members.length > 1)) {
        for (const a of t.members) {
          expect(t.members.some((b) => b !== a && a.low <= b.high && b.low <= a.high)).toBe(true);
        }
      }
    }
  });

  it('analyst: departments and levels below the minimum group size are withheld, and say so', async () => {
    const page = await login('ana');
    const groups = await leaderGroups();
    const count = (pick: (g: (typeof groups)[number]) => unknown) => {
      const m = new Map<unknown, number>();
      for (const g of groups) m.set(pick(g), (m.get(pick(g)) ?? 0) + 1);
      return m;
    };
    const departments = count((g) => g.department);
    const small = [...departments].find(([, n]) => n < 5)![0] as string;
    const large = [...departments].find(([, n]) => n >= 5)![0] as string;
    const text = await open(
      page,
      `?department=${encodeURIComponent(small)}#/overview`,
      'analyst-overview-small-group',
    );
    expect(text).toMatch(
      /Not shown: this selection has \d leaders?, below the minimum group size of 5; only admins can see it/,
    );
    expect(await page.locator('[data-testid=overview-table] tbody tr').count()).toBe(0);
    expect(await page.locator('[data-testid=distribution-hidden]').count()).toBe(7);
    expect(await page.locator('[data-testid=overview-chart]').count()).toBe(0);
    const option = await page.textContent(
      `[data-testid=filters] select[name=department] option[value="${small}"]`,
    );
    expect(option).toMatch(/below 5, hidden/);

    await open(page, `?department=${encodeURIComponent(large)}#/overview`, 'analyst-overview-large-group');
    expect(await page.locator('[data-testid=overview-table] tbody tr').count()).toBe(departments.get(large));
    expect(await page.textContent('#app')).not.toMatch(/acme\.example|Fatima|Noor/);
    // in the unfiltered table, a leader's department or level is shown only for groups of 5 or more
    await open(page, '#/overview', 'analyst-overview');
    const shown = await page
      .locator('[data-testid=overview-table] [data-field=department]')
      .allTextContents();
    expect(shown.filter((d) => d !== '—').length).toBe(
      [...departments].filter(([, n]) => n >= 5).reduce((s, [, n]) => s + n, 0),
    );
    const levels = count((g) => g.level);
    const hiddenLevel = [...levels].find(([, n]) => n < 5)?.[0];
    if (hiddenLevel !== undefined) {
      const res = await page.evaluate(async (l) => {
        const r = await fetch(`/api/overview?level=${l}`);
        return (await r.json()) as { hidden: string | null; leaders: unknown[] };
      }, hiddenLevel);
      expect(res.leaders).toEqual([]);
      expect(res.hidden).toMatch(/below the minimum group size of 5/);
    }
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
      await get('/api/overview?department=Engineering&level=2'),
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
