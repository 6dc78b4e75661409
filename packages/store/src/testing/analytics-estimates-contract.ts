import {
  type BandRange,
  type CorrectionSet,
  DEFAULT_BANDS,
  DEFAULT_INTERVAL_LEVEL,
  DEFAULT_MAX_INTERVAL_WIDTH,
  DEFAULT_MIN_VOLUME,
  type DirectionCounts,
  emptyModeCounts,
  isRated,
  labelCorrection,
  normalQuantile,
  pushShareEstimate,
  type Random,
  type RatingRule,
  type RatioEstimate,
  type SourceDirectionCounts,
  seededRandom,
} from '@pushpull/metrics';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryCountsBySource } from '../dashboard-queries';
import {
  readCorrectionVersion,
  readLabelCorrections,
  writeLabelCorrections,
} from '../label-correction-repository';
import { writeMetricSettings } from '../metric-settings';
import { INTERVAL_Z } from '../migrations/0004-label-correction';
import type { Store } from '../open-store';
import { type OrgPersonInput, replaceOrgChart } from '../org-repository';
import type { RollupRow } from '../rollup-rule';
import { analyticsAliases } from './analytics-aliases';
import type { MakeStore } from './store-contract';
import { viewProfiles, viewSourceCounts } from './view-profiles';

/** The view figures must equal the TypeScript ones to this (absolute). */
const TOLERANCE = 1e-9;
const VERSION = '9.1.0';
const SOURCES = ['slack', 'outlook', 'github'] as const;
const DIRECTIONS = ['up', 'down', 'peer', 'lateral', 'external', 'unknown'] as const;
/** Two days of one quarter in two months, so that every grain sums rollup days. */
const DAYS = ['2026-07-14', '2026-08-19'] as const;
const PEOPLE = 240;

/**
 * Corrections like the classifier's published ones (some strong confusion, so that negative
 * estimates are clipped): slack and outlook corrected, github left out (identity); outlook's
 * initiative row is deleted after writing, so one kind of a source is identity too.
 */
function corrections(): CorrectionSet {
  const draws = { draws: 400, seed: 3 };
  return {
    slack: {
      mode: labelCorrection(
        {
          labels: ['push', 'pull', 'neutral'],
          counts: [
            [141, 39, 25],
            [28, 129, 3],
            [21, 8, 64],
          ],
        },
        draws,
      ),
      initiative: labelCorrection(
        {
          labels: ['responsive', 'proactive'],
          counts: [
            [60, 24],
            [30, 113],
          ],
        },
        draws,
      ),
    },
    outlook: {
      mode: labelCorrection(
        {
          labels: ['push', 'pull', 'neutral'],
          counts: [
            [200, 28, 35],
            [19, 40, 11],
            [5, 1, 66],
          ],
        },
        draws,
      ),
      initiative: labelCorrection(
        {
          labels: ['responsive', 'proactive'],
          counts: [
            [41, 17],
            [13, 127],
          ],
        },
        draws,
      ),
    },
  };
}

const pid = (i: number) => `p:e${i}@est.example`;

/**
 * A tree: person i reports to person ⌊(i − 1) / 6⌋, so about a sixth of the people lead, in teams of 6
 * (team figures need 5 reports with data); e6's team mixes 3 sub-leaders with 3 others (withheld).
 */
function org(): OrgPersonInput[] {
  return Array.from({ length: PEOPLE }, (_, i) => ({
    email: `e${i}@est.example`,
    name: `E${i}`,
    managerEmail: i === 0 ? null : `e${Math.floor((i - 1) / 6)}@est.example`,
    title: null,
    department: null,
    githubLogin: null,
    slackId: null,
    validFrom: null,
  }));
}

/** Random counts over 2–3 sources per person and direction, at scales from a handful to a thousand. */
function randomRollups(random: Random): { rows: RollupRow[]; totals: Map<string, SourceDirectionCounts> } {
  const int = (n: number) => Math.floor(random() * (n + 1));
  const rows: RollupRow[] = [];
  const totals = new Map<string, Record<string, DirectionCounts>>();
  for (let i = 0; i < PEOPLE; i++) {
    const person = pid(i);
    const sources: string[] = [...SOURCES];
    for (let j = sources.length - 1; j > 0; j--) {
      const k = int(j);
      [sources[j], sources[k]] = [sources[k] as string, sources[j] as string];
    }
    sources.length = random() < 0.5 ? 2 : 3;
    const bySource: Record<string, DirectionCounts> = {};
    for (const direction of DIRECTIONS) {
      if (direction !== 'up' && random() < 0.35) continue;
      for (const source of sources) {
        if (random() < 0.15) continue;
        const scale = [4, 12, 40, 150, 1000][int(4)] as number;
        const counts = emptyModeCounts();
        const shape = random();
        counts.pull = shape < 0.1 ? 0 : int(scale);
        counts.neutral = shape > 0.9 ? int(scale) : int(Math.ceil(scale / 3));
        const pushes = shape > 0.93 ? 0 : int(scale);
        counts.proactivePush = int(pushes);
        counts.responsivePush = pushes - counts.proactivePush;
        const unlabelled = random() < 0.1 ? int(3) : 0; // pushes without an initiative
        counts.push = pushes + unlabelled;
        if (counts.push + counts.pull + counts.neutral === 0) counts.neutral = 1;
        const cell = (events: number, mode: string, initiative: string) => {
          const first = int(events);
          for (const [day, n] of [
            [DAYS[0], first],
            [DAYS[1], events - first],
          ] as const) {
            if (n > 0) rows.push({ person_id: person, day, direction, mode, initiative, source, events: n });
          }
        };
        cell(counts.proactivePush, 'push', 'proactive');
        cell(counts.responsivePush, 'push', 'responsive');
        cell(unlabelled, 'push', '');
        cell(counts.pull, 'pull', '');
        cell(counts.neutral, 'neutral', '');
        const into = bySource[source] ?? {};
        into[direction] = counts;
        bySource[source] = into;
      }
    }
    totals.set(person, bySource);
  }
  return { rows, totals };
}

type Row = Record<string, unknown>;

/** Asserts a view's corrected / low / high against an estimate, null when the estimate is not rated. */
function expectFigure(row: Row, prefix: string, e: RatioEstimate, rule: RatingRule, at: string): boolean {
  const rated = isRated(e, rule);
  for (const [suffix, want] of [
    ['corrected', e.corrected],
    ['low', e.low],
    ['high', e.high],
  ] as const) {
    const got = row[`${prefix}_${suffix}`] as number | null;
    const label = `${at} ${prefix}_${suffix}`;
    if (!rated || want === null) {
      expect(got, label).toBeNull();
    } else {
      expect(got, label).not.toBeNull();
      expect(Math.abs((got as number) - want), `${label}: ${got} vs ${want}`).toBeLessThanOrEqual(TOLERANCE);
    }
  }
  return rated;
}

function expectClose(got: unknown, want: number | null, label: string): void {
  if (want === null) expect(got, label).toBeNull();
  else expect(Math.abs((got as number) - want), `${label}: ${got} vs ${want}`).toBeLessThanOrEqual(TOLERANCE);
}

/**
 * The corrected figures and intervals of the analytics views (0004) against @pushpull/metrics, on
 * a few hundred random count combinations over 2–3 sources: `analytics.balance` and
 * `balance_by_source` against `pushShareEstimate`, `analytics.leader_profile` against
 * `leaderProfile` (its corrected part: figures, intervals, team, bands, push-only), to 1e-9, with every figure
 * shown (minimum volume 1, widest interval 1) and with the default rating; and the store functions
 * that write and read the corrections and the counts per source.
 *
 * @example describeAnalyticsEstimatesContract('PGlite', makeStore);
 */
export function describeAnalyticsEstimatesContract(name: string, makeStore: MakeStore): void {
  describe(`analytics estimates contract: ${name}`, { timeout: 300_000 }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let totals: Map<string, SourceDirectionCounts>;
    let stored: CorrectionSet;

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
      await replaceOrgChart(store.db, org());
      const generated = randomRollups(seededRandom(20261207));
      totals = generated.totals;
      for (let i = 0; i < generated.rows.length; i += 2000) {
        await store.db
          .insertInto('rollup_daily')
          .values(generated.rows.slice(i, i + 2000))
          .execute();
      }
      await writeLabelCorrections(store.db, VERSION, corrections());
      await sql`delete from label_correction where source = 'outlook' and kind = 'initiative'`.execute(
        store.db,
      );
      stored = await readLabelCorrections(store.db);
    }, 300_000);
    afterAll(async () => cleanup?.(), 120_000);

    it('computes with the z of @pushpull/metrics', () => {
      expect(INTERVAL_Z).toBe(normalQuantile(0.5 + DEFAULT_INTERVAL_LEVEL / 2));
    });

    it('reads the corrections back as written; a missing kind or source is identity', async () => {
      const written = corrections();
      expect(await readCorrectionVersion(store.db)).toBe(VERSION);
      expect(Object.keys(stored).sort()).toEqual(['outlook', 'slack']);
      expect(stored.slack).toEqual(written.slack);
      expect(stored.outlook?.mode).toEqual(written.outlook?.mode);
      expect(stored.outlook?.initiative.inverse).toEqual([
        [1, 0],
        [0, 1],
      ]);
    });

    it('queryCountsBySource: counts per person, source and direction from the rollups', async () => {
      const ids = [pid(0), pid(7), pid(123), 'p:nobody@est.example'];
      const bySource = async (people: string[], from: string, to: string) => {
        const got = new Map<string, Record<string, unknown>>(people.map((id) => [id, {}]));
        for (const row of await queryCountsBySource(store.db, people, { from, to })) {
          const person = got.get(row.personId);
          if (person) person[row.source] = row.counts;
        }
        return got as Map<string, Record<string, DirectionCounts>>;
      };
      const got = await bySource(ids, '2026-07-01', '2026-10-01');
      for (const id of ids.slice(0, 3)) expect(got.get(id), id).toEqual(totals.get(id));
      expect(got.get('p:nobody@est.example')).toEqual({});
      const august = await bySource([pid(7)], '2026-08-01', '2026-09-01');
      const upAugust = Object.values(august.get(pid(7)) ?? {}).reduce((n, c) => n + (c.up?.push ?? 0), 0);
      const upQuarter = Object.values(totals.get(pid(7)) ?? {}).reduce((n, c) => n + (c.up?.push ?? 0), 0);
      expect(upAugust).toBeLessThanOrEqual(upQuarter);
      expect(upAugust).toBeGreaterThan(0);
    });

    async function checkEverything(
      rule: RatingRule,
      bands: Record<'up' | 'down' | 'peer' | 'external', BandRange>,
    ) {
      const tally = { rated: 0, unrated: 0, leaders: 0, teams: 0, withheld: 0, bands: new Set<string>() };
      const { rows, countsOf: counts } = await viewSourceCounts(store);
      // Every grain holds the generated quarter.
      const quarter = rows.filter((r) => r.period_kind === 'quarter');
      expect(quarter.reduce((n, r) => n + r.push + r.pull + r.neutral, 0)).toBe(
        [...totals.values()]
          .flatMap((s) => Object.values(s).flatMap((d) => Object.values(d)))
          .reduce((n, c) => n + c.push + c.pull + c.neutral, 0),
      );

      for (const r of rows) {
        const at = `${r.person_id} ${r.period_kind} ${r.period_start} ${r.direction} ${r.source}`;
        const single = { [r.source]: counts(r.person_id, r.period_kind, r.period_start)[r.source] ?? {} };
        const e = pushShareEstimate(single, r.direction as 'up', stored);
        expectFigure(r as unknown as Row, 'push_share', e, rule, at);
      }

      const balance = (await analyticsAliases(store)).unalias(
        (await sql<Row>`select * from analytics.balance`.execute(store.db)).rows,
      );
      expect(balance.length).toBeGreaterThan(1000);
      for (const b of balance) {
        const at = `${b.person_id} ${b.period_kind} ${b.period_start} ${b.direction}`;
        const e = pushShareEstimate(
          counts(b.person_id as string, b.period_kind as string, b.period_start as string),
          b.direction as 'up',
          stored,
        );
        if (expectFigure(b, 'push_share', e, rule, at)) tally.rated++;
        else tally.unrated++;
      }

      for (const { row: p, profile, at } of await viewProfiles(store, {
        corrections: stored,
        ...rule,
        bands,
      })) {
        const m = profile.corrected;
        expectFigure(p, 'upward_proactivity', m.upwardProactivity, rule, at);
        expectFigure(p, 'downward_pull_share', m.downwardPullShare, rule, at);
        expectFigure(p, 'external_pull_share', m.externalPullShare, rule, at);
        expectClose(p.team_upward_proactivity_corrected, m.team.value, `${at} team`);
        expectClose(p.team_upward_proactivity_low, m.team.low, `${at} team low`);
        expectClose(p.team_upward_proactivity_high, m.team.high, `${at} team high`);
        expect([p.band_up, p.band_down, p.band_peer, p.band_external], at).toEqual([
          m.bands.up,
          m.bands.down,
          m.bands.peer,
          m.bands.external,
        ]);
        expect(p.push_only_corrected, at).toBe(m.pushOnly);
        tally.leaders++;
        if (m.team.value !== null) tally.teams++;
        if (m.team.withheld !== null) tally.withheld++;
        for (const band of Object.values(m.bands)) tally.bands.add(band);
      }
      return tally;
    }

    it('every figure shown (minimum volume 1, widest interval 1): the views equal the TypeScript to 1e-9', async () => {
      await writeMetricSettings(store.db, { minVolume: 1, maxIntervalWidth: 1 });
      try {
        const tally = await checkEverything({ minVolume: 1, maxIntervalWidth: 1 }, DEFAULT_BANDS);
        expect(tally.rated).toBeGreaterThan(1000);
        expect(tally.leaders).toBeGreaterThan(100);
        expect(tally.teams).toBeGreaterThan(100);
        // teams withheld by the group rule (fewer than 5 with data, or 1-4 besides sub-leaders): null in the view too
        expect(tally.withheld).toBeGreaterThan(10);
        for (const band of ['in band', 'too pully', 'too pushy']) expect(tally.bands).toContain(band);
      } finally {
        await writeMetricSettings(store.db, {
          minVolume: DEFAULT_MIN_VOLUME,
          maxIntervalWidth: DEFAULT_MAX_INTERVAL_WIDTH,
        });
      }
    });

    it('default rating: "not enough data" below the minimum volume or wider than 0.30, bands on the intervals', async () => {
      const tally = await checkEverything(
        { minVolume: DEFAULT_MIN_VOLUME, maxIntervalWidth: DEFAULT_MAX_INTERVAL_WIDTH },
        DEFAULT_BANDS,
      );
      expect(tally.rated).toBeGreaterThan(300);
      expect(tally.unrated).toBeGreaterThan(300);
      expect(tally.bands).toContain('not enough data');
      expect(tally.bands).toContain('in band');
    });

    it('follows a changed band and interval width', async () => {
      const bands = { ...DEFAULT_BANDS, down: [0.5, 0.7] as const };
      await writeMetricSettings(store.db, { bands: { down: [0.5, 0.7] }, maxIntervalWidth: 0.2 });
      try {
        await checkEverything({ minVolume: DEFAULT_MIN_VOLUME, maxIntervalWidth: 0.2 }, bands);
      } finally {
        await writeMetricSettings(store.db, {
          bands: { down: DEFAULT_BANDS.down },
          maxIntervalWidth: DEFAULT_MAX_INTERVAL_WIDTH,
        });
      }
      await expect(writeMetricSettings(store.db, { maxIntervalWidth: 0 })).rejects.toThrow(/interval width/);
      await expect(writeMetricSettings(store.db, { maxIntervalWidth: 1.5 })).rejects.toThrow(
        /interval width/,
      );
    });

    it('writeLabelCorrections is idempotent, replaces a version exactly and can leave the version in use alone', async () => {
      const set = corrections();
      const first = await writeLabelCorrections(store.db, '9.2.0', set, { inUse: false });
      expect(first).toEqual({ written: 4, removed: 0 });
      expect(await writeLabelCorrections(store.db, '9.2.0', set, { inUse: false })).toEqual({
        written: 0,
        removed: 0,
      });
      expect(await readCorrectionVersion(store.db)).toBe(VERSION);
      expect(await writeLabelCorrections(store.db, '9.2.0', { slack: set.slack! }, { inUse: false })).toEqual(
        {
          written: 0,
          removed: 2,
        },
      );
      expect(Object.keys(await readLabelCorrections(store.db, '9.2.0'))).toEqual(['slack']);
      expect(await readLabelCorrections(store.db, 'never-written')).toEqual({});
      const bad = { slack: { ...set.slack!, mode: { ...set.slack!.mode, inverse: [[1, 0]] } } };
      await expect(writeLabelCorrections(store.db, '9.2.0', bad)).rejects.toThrow(/slack\.mode\.inverse/);
      await expect(writeLabelCorrections(store.db, ' ', set)).rejects.toThrow(/version/);
      expect(Object.keys(await readLabelCorrections(store.db, '9.2.0'))).toEqual(['slack']);
    });
  });
}
