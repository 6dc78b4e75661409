import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@pushpull/config';
import { type FactInput, openStore, recordLabeledBatch, replaceOrgChart } from '@pushpull/store';
import { testEdge, testFacts } from '@pushpull/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportIo, reportCommand } from './report-command';
import { runCliInProcess } from './testing/run-cli-in-process';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-report-'));
const env = { PUSHPULL_DATA_DIR: join(dir, 'data') };
const id = (name: string) => `p:${name}@acme.io`;

const edge = testEdge;
const facts = testFacts;

/** Answers (responsive pushes up) to `pulls`, `hours[i]` after each. */
function answers(actor: string, manager: string, pulls: FactInput[], hours: number[]): FactInput[] {
  return hours.map((h, i) => {
    const pull = pulls[i] as FactInput;
    const [a] = facts(1, actor, pull.occurredAt, 'push', [edge('up', manager, 1)], 'responsive');
    return {
      ...(a as FactInput),
      occurredAt: new Date(Date.parse(pull.occurredAt) + h * 3_600_000).toISOString(),
      respondsTo: pull.eventId,
    };
  });
}

/*
 * Hand-checked quarter 2026-Q3 of lea (manager boss; reports r1, r2):
 * - up: 6 proactive + 5 responsive pushes (answers to boss's 5 pulls after 1, 2, 3, 4, 10 h), 2 pulls
 *   → push share 11/13 = 0.85 (in band 0.6–0.9), upward proactivity 6/11 = 0.55;
 *   pulled by the manager 5 times, all answered (1.00), median response 3.0 h.
 * - down: 6 pushes, 4 pulls (to r1), 3 neutrals → push share 0.60 (in band), downward pull share 0.40.
 * - external (outlook): 9 pushes, 1 pull → 0.90, too pushy; external pull share 0.10.
 * - 36 events in 92 days → 2.7 per week. Team: r1 7/10 = 0.70, r2 2/5 = 0.40 → a median of 2 people,
 *   below the minimum group size of 5 people with data: withheld (issue 14, finding 9).
 *   The reports got 4 pulls from lea; r1 answered 3 (too few answers for a median).
 */
beforeAll(async () => {
  const store = await openStore({ dataDir: env.PUSHPULL_DATA_DIR });
  try {
    const person = (email: string, manager: string | null, name: string) => ({
      email,
      name,
      managerEmail: manager,
      title: null,
      department: null,
      githubLogin: null,
      slackId: null,
      validFrom: null,
    });
    await replaceOrgChart(store.db, [
      person('boss@acme.io', null, 'Boss'),
      person('lea@acme.io', 'boss@acme.io', 'Lea <b>|Smith|</b>'),
      person('r1@acme.io', 'lea@acme.io', 'R1'),
      person('r2@acme.io', 'lea@acme.io', 'R2'),
    ]);
    const up = [edge('up', id('boss'), 1)];
    const external = [edge('external', null)];
    const bossPulls = facts(5, id('boss'), '2026-07-06T08:00:00Z', 'pull', [edge('down', id('lea'), 1)]);
    const leaPulls = facts(4, id('lea'), '2026-07-07T08:00:00Z', 'pull', [edge('down', id('r1'), 1)]);
    const all = [
      ...bossPulls,
      ...answers(id('lea'), id('boss'), bossPulls, [1, 2, 3, 4, 10]),
      ...facts(6, id('lea'), '2026-07-08T09:00:00Z', 'push', up),
      ...facts(2, id('lea'), '2026-07-14T09:00:00Z', 'pull', up),
      ...facts(6, id('lea'), '2026-07-15T09:00:00Z', 'push', [edge('down', id('r2'), 1)]),
      ...leaPulls,
      ...facts(3, id('lea'), '2026-07-15T11:00:00Z', 'neutral', [edge('down', id('r2'), 1)]),
      ...facts(9, id('lea'), '2026-07-21T09:00:00Z', 'push', external, 'proactive', 'outlook'),
      ...facts(1, id('lea'), '2026-07-21T11:00:00Z', 'pull', external, null, 'outlook'),
      ...facts(7, id('r1'), '2026-07-20T09:00:00Z', 'push', [edge('up', id('lea'), 1)]),
      ...answers(id('r1'), id('lea'), leaPulls, [1, 2, 30]),
      ...facts(2, id('r2'), '2026-07-21T09:00:00Z', 'push', [edge('up', id('lea'), 1)]),
      ...facts(3, id('r2'), '2026-07-21T10:00:00Z', 'push', [edge('up', id('lea'), 1)], 'responsive'),
    ];
    await recordLabeledBatch(store.db, { groupId: 'test', facts: all, offsets: [] });
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushpull report', { timeout: 120_000 }, () => {
  it('prints the hand-checked quarter as Markdown, names escaped', async () => {
    const r = await runCliInProcess(['report', '--leader', 'LEA@acme.io', '--period', '2026-Q3'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('# Leadership review: Lea \\<b\\>\\|Smith\\|\\</b\\> (lea@acme.io), 2026-Q3');
    expect(out).not.toContain('<b>');
    expect(out).toContain('| up | 11 | 2 | 0 | 0.85 | in band | 0.6–0.9 |');
    expect(out).toContain('| down | 6 | 4 | 3 | 0.60 | in band | 0.3–0.6 |');
    expect(out).toContain('| external | 9 | 1 | 0 | 0.90 | too pushy | 0.3–0.6 |');
    expect(out).toContain('| upward proactivity | 0.55 | 11 pushes up |');
    expect(out).toContain('| downward pull share | 0.40 | 10 pushes + pulls down |');
    expect(out).toContain('| external pull share | 0.10 | 10 pushes + pulls external |');
    expect(out).toContain('| push-only (directive crutch) | no |');
    expect(out).toContain('| pulls received from own manager | 5 |');
    expect(out).toContain('| share answered | 1.00 | 5 answered |');
    expect(out).toContain('| median response time | 3.0 h | 5 answers |');
    expect(out).toContain('| events per week | 2.7 |');
    expect(out).toContain('## Team culture (2 direct reports)');
    expect(out).toContain(
      '| team upward proactivity (median of reports) | withheld: fewer than 5 people with data | 2 of 2 reports present all period with enough pushes up |',
    );
    expect(out).toContain('| pulls the reports received from their manager | 4 |');
    // r1 alone answered: the reports' answers are a group figure from 1 person, withheld
    expect(out).toContain(
      '| median response time of the reports | withheld: fewer than 5 people with data |  |',
    );
    expect(out).toContain('| 2026-07-06 | 15 | 1.00 | not enough data | 0.55 | not enough data |');
    expect(out).toContain('| outlook | 9 | 1 | 0 |');
    expect(out).toContain('| push | statement | 26 |');
    expect(out).toContain('| pull | question-sentence | 7 |');
    expect(out).toContain('| neutral | thanks | 3 |');
    // Quarter weeks: from the Monday of July 1st (2026-06-29) to the week of September 28th.
    expect(out.match(/^\| 2026-\d\d-\d\d \|/gm)).toHaveLength(14);
    // Then the corrected figures, with the raw share beside each and how sure it is.
    expect(out).toContain('## Figures corrected for the classifier’s known errors (90% intervals)');
    expect(out).toContain(
      "| share of the manager's pulls answered | 100% | raw 100% shown (no correction) | not enough data |",
    );
    expect(out).toMatch(
      /^\| upward proactivity \| [^|]+ \|[^|]*\| not enough data \| [^|]*from 11 events[^|]*\|$/m,
    );
  });

  it('prints the same figures as CSV, one per line', async () => {
    const r = await runCliInProcess(
      ['report', '--leader', 'lea@acme.io', '--period', '2026-Q3', '--format', 'csv'],
      env,
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('section,metric,key,value,volume');
    expect(lines).toContain('leader,name,,Lea <b>|Smith|</b>,');
    expect(lines).toContain('balance,push_share,up,0.8461538461538461,13');
    expect(lines).toContain('balance,band,external,too pushy,10');
    expect(lines).toContain('balance,band,peer,not enough data,0');
    expect(lines).toContain('metrics,upward_proactivity,,0.5454545454545454,11');
    expect(lines).toContain('metrics,downward_pull_share,,0.4,10');
    expect(lines).toContain('metrics,median_response_hours,,3,5');
    expect(lines).toContain('team,direct_reports,,2,');
    expect(lines).toContain('team,team_upward_proactivity,,withheld: fewer than 5 people with data,2');
    expect(lines).toContain('week,downward_pull_share,2026-07-06,not enough data,');
    expect(lines).toContain('week,downward_pull_share,2026-07-13,0,');
    expect(lines).toContain('source,push,outlook,9,');
    expect(lines).toContain('corrected,answered_share,value,1,5');
    expect(lines).toContain('corrected,answered_share,used,raw,5');
    expect(lines.filter((l) => l.startsWith('corrected,upward_proactivity,value,'))).toHaveLength(1);
  });

  it('names an unknown leader, a bad period and a bad format', async () => {
    const unknown = await runCliInProcess(
      ['report', '--leader', 'nobody@acme.io', '--period', '2026-Q3'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--leader nobody@acme\.io: nobody with this email is in the org chart/);
    const period = await runCliInProcess(['report', '--leader', 'lea@acme.io', '--period', '2026-Q7'], env);
    expect(period.code).toBe(1);
    expect(period.stderr).toMatch(/period "2026-Q7" is not one of the presets: use YYYY-Qn/);
    const format = await runCliInProcess(
      ['report', '--leader', 'lea@acme.io', '--period', '2026-Q3', '--format', 'docx'],
      env,
    );
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/--format docx: use md, csv, html, pdf/);
    const help = (await runCliInProcess(['report', '--help'], env)).stdout;
    expect(help).toMatch(/--leader <email>/);
    expect(help).toMatch(/--org/);
    expect(help).toMatch(/--out <dir>/);
    expect(help).toMatch(/pdf/);
  });

  /** In process: reportCommand with its output captured. */
  function io(overrides: Partial<ReportIo> = {}) {
    const out: string[] = [];
    return {
      out,
      io: {
        stdout: (c: string | Uint8Array) => out.push(String(c)),
        stderr: () => {},
        stdoutIsTty: false,
        now: new Date('2026-10-15T09:00:00Z'),
        chromiumPath: '/nonexistent/chromium',
        ...overrides,
      } satisfies ReportIo,
    };
  }

  it('writes the hand-checked quarter as one self-contained HTML page, the previous quarter beside it', async () => {
    const c = io();
    const code = await reportCommand(
      { leader: 'lea@acme.io', period: '2026-Q3', format: 'html' },
      parseConfig(env),
      c.io,
    );
    expect(code).toBe(0);
    const html = c.out.join('');
    expect(html).toContain(
      '<h1 data-testid="leader-name">Leadership review: Lea &lt;b&gt;|Smith|&lt;/b&gt;</h1>',
    );
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/https?:\/\/|<script|\b(src|href)\s*=/i);
    // Counts as stored; figures with the events behind them and how sure they are.
    expect(html).toContain('<td>up</td><td class="num">11</td><td class="num">2</td><td class="num">0</td>');
    expect(html).toContain(
      '<td>external</td><td class="num">9</td><td class="num">1</td><td class="num">0</td>',
    );
    expect(html).toContain('<td class="num">11 pushes up</td>');
    expect(html).toMatch(/<td class="note">[^<]*from 11 events[^<]*<\/td>/);
    expect(html).toContain(
      '<td data-field="answered-share">100%</td><td class="muted">raw 100% shown (no correction)</td>',
    );
    expect(html).toContain('<td>median response time to own manager</td><td>3.0 h</td>');
    expect(html).toContain('<td>events per week</td><td>2.7</td>');
    // The previous quarter: no events then.
    expect(html).toContain('<th>2026-Q2</th>');
    expect(html).toContain('<td class="muted">0.0</td>');
    expect(html).toContain('<td data-field="upward-proactivity-previous" class="nd">not enough data</td>');
    // The dashboard's charts, inline.
    expect(html).toMatch(/data-chart="weekly-push-share".*<g data-series="up"><[^/]/s);
    expect(html).toContain('data-chart="weekly-team-culture"');
    expect(html).toContain('data-chart="balance-profile"');
    expect(html).toContain('<td>statement</td><td class="num">26</td>');
  });

  it('asks for --leader or --org, refuses a PDF on a terminal, and names a missing Chromium', async () => {
    const config = parseConfig(env);
    await expect(reportCommand({ period: '2026-Q3', format: 'md' }, config, io().io)).rejects.toThrow(
      /name a leader with --leader EMAIL, or every leader with --org/,
    );
    await expect(
      reportCommand({ leader: 'lea@acme.io', org: true, period: '2026-Q3', format: 'md' }, config, io().io),
    ).rejects.toMatchObject({ code: 'REPORT_SCOPE_INVALID' });
    const options = { leader: 'lea@acme.io', period: '2026-Q3', format: 'pdf' };
    await expect(reportCommand(options, config, io({ stdoutIsTty: true }).io)).rejects.toMatchObject({
      code: 'REPORT_PDF_TO_TERMINAL',
    });
    await expect(reportCommand(options, config, io().io)).rejects.toMatchObject({
      code: 'REPORT_PDF_CHROMIUM_MISSING',
      message: expect.stringContaining('/nonexistent/chromium'),
    });
  });
});
