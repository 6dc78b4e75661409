import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@pushpull/config';
import { formatShownRatio, type ShownRatio } from '@pushpull/report-render';
import { openStore } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM_PATH } from './report/chromium-launch';
import { buildLeaderReview } from './report/leader-review';
import { type ReportIo, reportCommand } from './report-command';
import { summarisePng } from './testing/png-summary';
import { fillSimulatedStore, type SimulatedStore } from './testing/simulated-store';

/**
 * The review pack on a simulated organisation (its ground-truth labels stored as facts): `--org` covers
 * every leader, `--out` writes one file per leader with a progress line, and `--format pdf` writes
 * valid A4 PDFs — checked by rendering the first page with pdftoppm and reading the text with
 * pdftotext (poppler-utils). In process: `reportCommand` is called directly.
 */
const CHROMIUM = process.env.PUSHPULL_CHROMIUM || DEFAULT_CHROMIUM_PATH;
const has = (cmd: string) => spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error === undefined;
const canPrint = existsSync(CHROMIUM) && has('pdftoppm') && has('pdftotext');
if (!canPrint) {
  const hint = `chromium at ${CHROMIUM} and poppler-utils (apt-get install chromium poppler-utils)`;
  if (process.env.PUSHPULL_REQUIRE_SERVICES === '1') throw new Error(`the PDF review suite needs ${hint}`);
  process.stderr.write(`[skipped] PDF review pack: install ${hint}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'pushpull-pack-'));
const config = parseConfig({ PUSHPULL_DATA_DIR: join(dir, 'data') });
const NOW = new Date('2026-10-15T09:00:00Z');
let sim: SimulatedStore;

function capture(): { io: ReportIo; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: (c) => out.push(typeof c === 'string' ? c : Buffer.from(c).toString('latin1')),
      stderr: (t) => err.push(t),
      stdoutIsTty: false,
      now: NOW,
      chromiumPath: CHROMIUM,
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

beforeAll(async () => {
  // Q2 (from May 20) and Q3 (to August 17) of 2026: a previous quarter to compare with.
  sim = await fillSimulatedStore(config.dataDir, { seed: 3, people: 24, days: 90, start: '2026-05-20' });
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushpull report --org on a simulated organisation', { timeout: 180_000 }, () => {
  it('puts every leader on one self-contained HTML page, with departments and the previous quarter', async () => {
    expect(sim.leaders.length).toBeGreaterThanOrEqual(3);
    const c = capture();
    expect(await reportCommand({ org: true, period: '2026-Q3', format: 'html' }, config, c.io)).toBe(0);
    const html = c.out();
    const rows = [...html.matchAll(/<tr[^>]* data-email="([^"]+)"/g)].map((m) => m[1]);
    expect(rows.sort()).toEqual(sim.leaders);
    expect(html).toContain('data-chart="overview-scatter"');
    expect(html).toContain('<rect class="band"');
    expect(html).toMatch(/<table data-testid="departments">.*<td data-field="department">/s);
    expect(html).toContain('compared with 2026-Q2 (2026-04-01 to 2026-06-30)');
    expect(html).toContain('<div class="prev" data-previous="downwardPullShare">2026-Q2: ');
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*https?:/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script/i);

    const md = capture();
    expect(await reportCommand({ org: true, period: '2026-Q3', format: 'md' }, config, md.io)).toBe(0);
    for (const email of sim.leaders) expect(md.out()).toContain(`| ${email} |`);
    expect(md.out()).toContain(`## Every leader (${sim.leaders.length})`);
  });

  it('--out DIR writes the org page and one file per leader, with an n/total progress line each', async () => {
    const out = join(dir, 'cycle-html');
    const c = capture();
    expect(await reportCommand({ org: true, period: '2026-Q3', format: 'html', out }, config, c.io)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      ['org-2026-Q3.html', ...sim.leaders.map((e) => `${e}-2026-Q3.html`)].sort(),
    );
    const progress = c.err().match(/^pushpull report: \d+\/\d+ \S+ → .+$/gm) ?? [];
    expect(progress).toHaveLength(sim.leaders.length);
    expect(progress.at(-1)).toMatch(
      new RegExp(`^pushpull report: ${sim.leaders.length}/${sim.leaders.length} `),
    );
    expect(c.out()).toBe('');
    for (const email of sim.leaders) {
      const page = readFileSync(join(out, `${email}-2026-Q3.html`), 'utf8');
      expect(page).toContain('data-chart="weekly-push-share"');
      expect(page).not.toMatch(/https?:\/\//i);
    }
  });

  it('names the directory when --out cannot be written', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const c = capture();
    await expect(
      reportCommand(
        { org: true, period: '2026-Q3', format: 'html', out: join(file, 'reviews') },
        config,
        c.io,
      ),
    ).rejects.toMatchObject({
      code: 'REPORT_OUT_UNWRITABLE',
      message: expect.stringMatching(/^--out .*a-file\/reviews: the directory cannot be written \(ENOTDIR/),
    });
  });

  it.skipIf(!canPrint)(
    '--format pdf writes valid A4 PDFs with the name, an interval and page numbers',
    async () => {
      const out = join(dir, 'cycle-pdf');
      const c = capture();
      expect(await reportCommand({ org: true, period: '2026-Q3', format: 'pdf', out }, config, c.io)).toBe(0);
      expect(readdirSync(out)).toHaveLength(sim.leaders.length + 1);
      for (const f of readdirSync(out))
        expect(readFileSync(join(out, f)).subarray(0, 5).toString()).toBe('%PDF-');

      // A leader with a rated figure that carries an interval: that interval must be in the PDF.
      const store = await openStore({ dataDir: config.dataDir });
      let expected: { email: string; name: string; interval: string } | null = null;
      try {
        for (const email of sim.leaders) {
          const review = await buildLeaderReview(store, email, '2026-Q3', NOW);
          const figures: ShownRatio[] = [
            ...review.ratios.map((r) => r.value),
            ...review.directions.map((d) => d.pushShare),
          ];
          const withInterval = figures.find((f) => f.rated && f.low !== null && f.high !== null);
          if (withInterval) {
            expected = { email, name: review.leader.name ?? email, interval: formatShownRatio(withInterval) };
            break;
          }
        }
      } finally {
        await store.close();
      }
      expect(expected).not.toBeNull();
      const { email, name, interval } = expected as { email: string; name: string; interval: string };
      expect(interval).toMatch(/^\d+% \(\d+–\d+%\)$/);
      const pdf = join(out, `${email}-2026-Q3.pdf`);

      const png = join(dir, 'page');
      const r = spawnSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-r', '40', pdf, png], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      const first = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png')) as string;
      const page = summarisePng(readFileSync(join(dir, first)));
      expect(page.height / page.width).toBeCloseTo(297 / 210, 1); // A4 portrait
      expect(page.inked).toBeGreaterThan(0.01); // not blank

      const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout).toContain(`Leadership review: ${name}`);
      expect(text.stdout).toContain(interval);
      expect(text.stdout).toMatch(/page 1 of \d+/);
      // The charts are in the PDF: the weekly chart's legend (or its empty note) is printed text of its SVG.
      expect(text.stdout).toMatch(/shaded: 90% interval|not enough data in any week/);

      const org = spawnSync('pdftoppm', [
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        '-r',
        '40',
        join(out, 'org-2026-Q3.pdf'),
        join(dir, 'org'),
      ]);
      expect(org.status).toBe(0);
      const orgPage = summarisePng(
        readFileSync(
          join(dir, readdirSync(dir).find((f) => f.startsWith('org') && f.endsWith('.png')) as string),
        ),
      );
      expect(orgPage.width / orgPage.height).toBeCloseTo(297 / 210, 1); // A4 landscape
      const orgText = spawnSync('pdftotext', [join(out, 'org-2026-Q3.pdf'), '-'], {
        encoding: 'utf8',
      }).stdout;
      for (const leader of sim.leaders) expect(orgText).toContain(leader);
    },
  );
});
