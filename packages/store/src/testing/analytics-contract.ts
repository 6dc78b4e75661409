import {
  DEFAULT_BANDS,
  DEFAULT_MAX_INTERVAL_WIDTH,
  DEFAULT_MIN_GROUP_SIZE,
  DEFAULT_MIN_VOLUME,
  managerPullMetrics,
  pushShare,
  pushShareEstimate,
} from '@pushpull/metrics';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FactInput, recordLabeledBatch } from '../fact-repository';
import { readMetricSettings, writeMetricSettings } from '../metric-settings';
import { VIEW_MIN_GROUP_SIZE } from '../migrations/0008-full-period-teams';
import type { Store } from '../open-store';
import { type OrgPersonInput, replaceOrgChart } from '../org-repository';
import { PSEUDONYM_PATTERN } from '../pseudonym';
import { rebuildRollups } from '../rebuild-rollups';
import { replaceFacts } from '../replace-facts';
import { queryManagerPulls, querySourceCounts } from '../report-repository';
import type { AnalyticsBalanceView } from '../schema';
import { analyticsAliases } from './analytics-aliases';
import { describeAnalyticsEstimatesContract } from './analytics-estimates-contract';
import type { MakeStore } from './store-contract';
import { orgPerson, testEdge, testFacts } from './test-facts';
import { viewProfiles } from './view-profiles';

/**
 * A small hand-built organisation whose figures are computed by hand below:
 *   boss ─┬─ lea ─┬─ r1
 *         │       └─ r2          (r3 reported to lea until 2026-10-01, then to dan)
 *         └─ dan ─┬─ r4
 *                 └─ r3
 * All activity is in 2026-Q3.
 */
const ORG: OrgPersonInput[] = [
  person('boss@acme.io', null),
  person('lea@acme.io', 'boss@acme.io'),
  person('dan@acme.io', 'boss@acme.io'),
  person('r1@acme.io', 'lea@acme.io'),
  person('r2@acme.io', 'lea@acme.io'),
  person('r2@acme.io', 'boss@acme.io', '2099-01-01'), // future: ignored as of now
  person('r3@acme.io', 'lea@acme.io'),
  person('r3@acme.io', 'dan@acme.io', '2026-10-01'),
  person('r4@acme.io', 'dan@acme.io'),
];

function person(email: string, managerEmail: string | null, validFrom: string | null = null): OrgPersonInput {
  return orgPerson(email, managerEmail, { validFrom, department: 'R&D' });
}

const id = (name: string) => `p:${name}@acme.io`;
const edge = testEdge;

/** Hand-computed figures (2026-Q3 unless said otherwise). */
function organisationFacts(): { all: FactInput[]; leaPulls: FactInput[] } {
  const up = edge('up', id('boss'), 1);
  const toR2 = edge('down', id('r2'), 1);
  const external = [edge('external', null)];
  const leaPulls = testFacts(4, id('lea'), '2026-07-07T09:00:00Z', 'pull', [edge('down', id('r1'), 1)]);
  const hour = 3_600_000;
  // r1 answers three of lea's four pulls after 1 h, 3 h and 26 h.
  const answers = [1, 3, 26].map((h, i) => {
    const pull = leaPulls[i] as FactInput;
    const [answer] = testFacts(
      1,
      id('r1'),
      '2026-07-07T09:00:00Z',
      'push',
      [edge('up', id('lea'), 1)],
      'responsive',
    );
    return {
      ...(answer as FactInput),
      occurredAt: new Date(Date.parse(pull.occurredAt) + h * hour).toISOString(),
      respondsTo: pull.eventId,
    };
  });
  const all = [
    // lea up: 8 pushes (6 proactive, 2 responsive), 2 pulls → push share 0.8, proactivity 0.75.
    ...testFacts(3, id('lea'), '2026-07-06T09:00:00Z', 'push', [up]),
    ...testFacts(2, id('lea'), '2026-07-06T09:00:00Z', 'push', [up], 'responsive'),
    ...testFacts(3, id('lea'), '2026-08-04T09:00:00Z', 'push', [up]),
    ...testFacts(2, id('lea'), '2026-08-04T09:00:00Z', 'pull', [up]),
    // lea down: 6 pushes, 4 pulls (those to r1), 3 neutrals → push share 0.6, pull share 0.4.
    ...testFacts(6, id('lea'), '2026-07-15T09:00:00Z', 'push', [toR2]),
    ...leaPulls,
    ...testFacts(3, id('lea'), '2026-07-15T09:00:00Z', 'neutral', [toR2]),
    // lea peer: 3 pushes, 1 pull → volume 4: not enough data.
    ...testFacts(3, id('lea'), '2026-07-16T09:00:00Z', 'push', [edge('peer', id('dan'))]),
    ...testFacts(1, id('lea'), '2026-07-16T09:00:00Z', 'pull', [edge('peer', id('dan'))]),
    // lea external: 9 pushes, 1 pull → push share 0.9 (too pushy), pull share 0.1.
    ...testFacts(9, id('lea'), '2026-09-01T09:00:00Z', 'push', external, 'proactive', 'outlook'),
    ...testFacts(1, id('lea'), '2026-09-01T09:00:00Z', 'pull', external, null, 'outlook'),
    // r1 up: 7 proactive + the 3 answers → proactivity 0.7. r2 up: 5 pushes, 2 proactive → 0.4.
    ...testFacts(7, id('r1'), '2026-07-20T09:00:00Z', 'push', [edge('up', id('lea'), 1)]),
    ...answers,
    ...testFacts(2, id('r2'), '2026-07-21T09:00:00Z', 'push', [edge('up', id('lea'), 1)]),
    ...testFacts(3, id('r2'), '2026-07-21T09:00:00Z', 'push', [edge('up', id('lea'), 1)], 'responsive'),
    // r3: 4 pushes up (too little volume); now reports to dan.
    ...testFacts(4, id('r3'), '2026-07-22T09:00:00Z', 'push', [edge('up', id('lea'), 1)]),
    // boss pulls r1 at distance 2: not a pull "from the manager".
    ...testFacts(2, id('boss'), '2026-07-07T09:00:00Z', 'pull', [edge('down', id('r1'), 2)]),
    // dan: down 20 pushes + 1 pull (0.95), external 10 pushes (1.0), up 2 pushes → push-only.
    ...testFacts(20, id('dan'), '2026-07-08T09:00:00Z', 'push', [edge('down', id('r4'), 1)]),
    ...testFacts(1, id('dan'), '2026-07-08T09:00:00Z', 'pull', [edge('down', id('r4'), 1)]),
    ...testFacts(10, id('dan'), '2026-07-09T09:00:00Z', 'push', [edge('external', null)]),
    ...testFacts(2, id('dan'), '2026-07-09T09:00:00Z', 'push', [edge('up', id('boss'), 1)]),
    // r4: 6 pushes up, all proactive → 1.0.
    ...testFacts(6, id('r4'), '2026-07-10T09:00:00Z', 'push', [edge('up', id('dan'), 1)]),
  ];
  return { all, leaPulls };
}

/** A row of `analytics.balance` (a type alias, not the interface: `analyticsAliases` takes plain records). */
type BalanceRow = Pick<AnalyticsBalanceView, keyof AnalyticsBalanceView>;

async function balance(store: Store): Promise<BalanceRow[]> {
  const { unalias } = await analyticsAliases(store);
  return unalias((await sql<BalanceRow>`select * from analytics.balance`.execute(store.db)).rows);
}

async function profile(store: Store, personId: string, kind = 'quarter', start = '2026-07-01') {
  const { alias, unalias } = await analyticsAliases(store);
  const rows = await sql<Record<string, unknown>>`
    select * from analytics.leader_profile
    where person_id = ${alias(personId)} and period_kind = ${kind} and period_start = ${start}::date`.execute(
    store.db,
  );
  return unalias(rows.rows)[0];
}

async function rollupSnapshot(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('rollup_daily').selectAll().execute();
  return rows
    .map((r) => `${r.person_id} ${r.day} ${r.direction} ${r.mode} ${r.initiative} ${r.source} ${r.events}`)
    .sort();
}

/**
 * The analytics contract (docs/contracts.md §11), run on PGlite and on Postgres: the views' grain, their
 * figures against hand-computed ones and against @pushpull/metrics on the same counts, the metric
 * settings, `rebuildRollups` and `replaceFacts`; and the corrected figures with their intervals
 * (`describeAnalyticsEstimatesContract`).
 *
 * @example describeAnalyticsContract('PGlite', makeStore);
 */
export function describeAnalyticsContract(name: string, makeStore: MakeStore): void {
  describe(`analytics contract: ${name}`, { timeout: 120_000 }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let leaPulls: FactInput[];

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
      await replaceOrgChart(store.db, ORG);
      const built = organisationFacts();
      leaPulls = built.leaPulls;
      await recordLabeledBatch(store.db, { groupId: 'test', facts: built.all, offsets: [] });
    }, 120_000);
    afterAll(async () => cleanup?.(), 120_000);

    it('seeds the metric settings with the defaults of @pushpull/metrics', async () => {
      expect(await readMetricSettings(store.db)).toEqual({
        minVolume: DEFAULT_MIN_VOLUME,
        bands: {
          up: [...DEFAULT_BANDS.up],
          down: [...DEFAULT_BANDS.down],
          peer: [...DEFAULT_BANDS.peer],
          external: [...DEFAULT_BANDS.external],
        },
        maxIntervalWidth: DEFAULT_MAX_INTERVAL_WIDTH,
      });
      const shown = await sql<{ key: string }>`select key from analytics.setting order by key`.execute(
        store.db,
      );
      expect(shown.rows.map((r) => r.key)).toContain('min_volume');
      expect(shown.rows.map((r) => r.key)).toContain('max_interval_width');
      // the views' team figures follow the same minimum group size as @pushpull/metrics
      expect(VIEW_MIN_GROUP_SIZE).toBe(DEFAULT_MIN_GROUP_SIZE);
    });

    it('analytics.person: the org chart as of today, pseudonymised, with levels, leaders and direct reports', async () => {
      const { alias, unalias } = await analyticsAliases(store);
      const rows = await sql<Record<string, unknown>>`select * from analytics.person`.execute(store.db);
      expect(rows.rows.map((r) => Object.keys(r))[0]).toEqual([
        'person_id',
        'manager_person_id',
        'title',
        'department',
        'level',
        'is_leader',
        'direct_reports',
      ]);
      expect(rows.rows.every((r) => PSEUDONYM_PATTERN.test(String(r.person_id)))).toBe(true);
      expect(JSON.stringify(rows.rows)).not.toMatch(/@acme\.io|Person /);
      expect(rows.rows.find((r) => r.person_id === alias(id('lea')))?.manager_person_id).toBe(
        alias(id('boss')),
      );
      const byEmail = new Map(unalias(rows.rows).map((r) => [String(r.person_id).slice(2), r]));
      expect(rows.rows).toHaveLength(7);
      expect(byEmail.get('lea@acme.io')).toMatchObject({
        person_id: id('lea'),
        manager_person_id: id('boss'),
        level: 1,
        is_leader: true,
        direct_reports: 2,
      });
      expect(byEmail.get('r1@acme.io')).toMatchObject({ level: 2 });
      expect(byEmail.get('dan@acme.io')).toMatchObject({ is_leader: true, direct_reports: 2 });
      expect(byEmail.get('r3@acme.io')).toMatchObject({ manager_person_id: id('dan'), is_leader: false });
      expect(byEmail.get('r2@acme.io')).toMatchObject({ manager_person_id: id('lea'), direct_reports: 0 });
      expect(byEmail.get('boss@acme.io')).toMatchObject({
        manager_person_id: null,
        level: 0,
        direct_reports: 2,
      });
    });

    it('analytics.balance: counts and push share per person × week/month/quarter × direction', async () => {
      const rows = await balance(store);
      const lea = (kind: string, start: string, direction: string) =>
        rows.find(
          (r) =>
            r.person_id === id('lea') &&
            r.period_kind === kind &&
            r.period_start === start &&
            r.direction === direction,
        );
      expect(lea('quarter', '2026-07-01', 'up')).toEqual({
        person_id: id('lea'),
        period_kind: 'quarter',
        period_start: '2026-07-01',
        direction: 'up',
        push: 8,
        pull: 2,
        neutral: 0,
        proactive_push: 6,
        responsive_push: 2,
        push_share: 0.8,
        // No corrections stored: corrected = raw, but 10 events give a 90% interval 0.41 wide (0.53–0.94),
        // wider than max_interval_width 0.30, so the corrected figure is "not enough data".
        push_share_corrected: null,
        push_share_low: null,
        push_share_high: null,
      });
      expect(lea('quarter', '2026-07-01', 'down')).toMatchObject({
        push: 6,
        pull: 4,
        neutral: 3,
        push_share: 0.6,
      });
      expect(lea('quarter', '2026-07-01', 'peer')).toMatchObject({ push: 3, pull: 1, push_share: null });
      expect(lea('quarter', '2026-07-01', 'external')).toMatchObject({ push: 9, pull: 1, push_share: 0.9 });
      // July holds 5 pushes up (share 1.0), August 3 pushes and 2 pulls (0.6); weeks start on Mondays.
      expect(lea('month', '2026-07-01', 'up')).toMatchObject({ push: 5, pull: 0, push_share: 1 });
      expect(lea('month', '2026-08-01', 'up')).toMatchObject({ push: 3, pull: 2, push_share: 0.6 });
      expect(lea('week', '2026-07-06', 'up')).toMatchObject({ push: 5, proactive_push: 3 });
      expect(lea('week', '2026-08-03', 'up')).toMatchObject({ push: 3, pull: 2 });
      expect(lea('week', '2026-08-31', 'external')).toMatchObject({ push: 9, pull: 1 });
      // Each grain partitions the same events.
      const total = (kind: string) =>
        rows.filter((r) => r.period_kind === kind).reduce((s, r) => s + r.push + r.pull + r.neutral, 0);
      expect(total('week')).toBe(total('quarter'));
      expect(total('month')).toBe(total('quarter'));
      expect(total('quarter')).toBe(97); // every fact above, each with one direction
      // Every push share is the TypeScript push share of the row's counts.
      for (const r of rows) {
        const counts = {
          push: r.push,
          pull: r.pull,
          neutral: r.neutral,
          proactivePush: r.proactive_push,
          responsivePush: r.responsive_push,
        };
        expect(r.push_share, `${r.person_id} ${r.period_kind} ${r.period_start} ${r.direction}`).toBe(
          pushShare(counts),
        );
      }
    });

    it('analytics.balance_by_source: the same counts split by source', async () => {
      const rows = await sql<{ source: string; push: number; pull: number }>`
        select source, push, pull from analytics.balance_by_source
        where person_id = ${(await analyticsAliases(store)).alias(id('lea'))} and period_kind = 'quarter'
          and direction = 'external'`.execute(store.db);
      expect(rows.rows).toEqual([{ source: 'outlook', push: 9, pull: 1 }]);
      expect(await querySourceCounts(store.db, id('dan'), { from: '2026-07-01', to: '2026-10-01' })).toEqual([
        { source: 'slack', mode: 'pull', events: 1 },
        { source: 'slack', mode: 'push', events: 32 },
      ]);
    });

    it('analytics.leader_profile: the hand-computed quarter of each leader', async () => {
      // No corrections are stored here: corrected figures equal the raw ones where they are rated.
      // lea's ratios rest on 10 events or fewer: every 90% interval is wider than 0.30 (up 0.53–0.94,
      // down 0.35–0.81, external 0.64–0.99), so every corrected figure and band is "not enough data".
      expect(await profile(store, id('lea'))).toEqual({
        person_id: id('lea'),
        period_kind: 'quarter',
        period_start: '2026-07-01',
        upward_proactivity: 0.75,
        downward_pull_share: 0.4,
        external_pull_share: 0.1,
        push_only: false,
        // r1 0.7 and r2 0.4 have a figure (r3: too little volume): 2 people with data, below the minimum
        // group size of 5, so the team figure is withheld (issue 14, finding 9)
        team_upward_proactivity: null,
        band_up: 'not enough data',
        band_down: 'not enough data',
        band_peer: 'not enough data',
        band_external: 'not enough data',
        upward_proactivity_corrected: null,
        upward_proactivity_low: null,
        upward_proactivity_high: null,
        downward_pull_share_corrected: null,
        downward_pull_share_low: null,
        downward_pull_share_high: null,
        external_pull_share_corrected: null,
        external_pull_share_low: null,
        external_pull_share_high: null,
        team_upward_proactivity_corrected: null, // r1 (10 pushes up) and r2 (5) are too uncertain
        team_upward_proactivity_low: null,
        team_upward_proactivity_high: null,
        push_only_corrected: false,
      });
      // dan: 20 pushes and 1 pull down (interval 0.80–1.00, 0.20 wide: above the band 0.3–0.6 as a
      // whole), 10 pushes external (0.75–1.00).
      const down = pushShareEstimate(
        { slack: { down: { push: 20, pull: 1, neutral: 0, proactivePush: 20, responsivePush: 0 } } },
        'down',
      );
      expect(down.low).toBeCloseTo(0.8, 2);
      expect(await profile(store, id('dan'))).toMatchObject({
        upward_proactivity: null, // 2 pushes up
        downward_pull_share: 1 / 21,
        external_pull_share: 0,
        push_only: true,
        team_upward_proactivity: null, // r4 alone (r3 joined dan on 2026-10-01, after the quarter)
        band_down: 'too pushy',
        band_up: 'not enough data',
        band_external: 'too pushy',
        downward_pull_share_corrected: expect.closeTo(1 / 21, 12),
        downward_pull_share_low: 0,
        downward_pull_share_high: expect.closeTo(1 - (down.low as number), 12),
        external_pull_share_corrected: 0,
        push_only_corrected: true,
      });
      // boss: no activity of their own with volume; team: lea 0.75 alone (dan has no figure): withheld.
      expect(await profile(store, id('boss'))).toMatchObject({
        upward_proactivity: null,
        push_only: false,
        team_upward_proactivity: null,
      });
      // Not leaders: no profile.
      expect(await profile(store, id('r1'))).toBeUndefined();
    });

    it('analytics.leader_profile agrees with leaderProfile (raw and corrected) on the same counts, at every grain', async () => {
      const profiles = await viewProfiles(store, {});
      expect(profiles.length).toBeGreaterThan(10);
      for (const { row: p, profile, at } of profiles) {
        const { raw: m, corrected: e } = profile;
        expect(p.upward_proactivity, at).toBe(m.upwardProactivity);
        expect(p.downward_pull_share, at).toBe(m.downwardPullShare);
        expect(p.external_pull_share, at).toBe(m.externalPullShare);
        expect(p.push_only, at).toBe(m.pushOnly);
        if (m.teamUpwardProactivity === null) expect(p.team_upward_proactivity, at).toBeNull();
        else expect(p.team_upward_proactivity, at).toBeCloseTo(m.teamUpwardProactivity, 12);
        expect([p.band_up, p.band_down, p.band_peer, p.band_external], at).toEqual([
          e.bands.up,
          e.bands.down,
          e.bands.peer,
          e.bands.external,
        ]);
        expect(p.push_only_corrected, at).toBe(e.pushOnly);
        expect(p.team_upward_proactivity_corrected ?? null, at).toBe(e.team.value);
      }
    });

    it('analytics.manager_pulls: pulls from the direct manager and how fast they were answered', async () => {
      const { unalias } = await analyticsAliases(store);
      const q = await sql<Record<string, unknown>>`
        select * from analytics.manager_pulls where period_kind = 'quarter'`.execute(store.db);
      const rows = unalias(q.rows).sort((a, b) => String(a.person_id).localeCompare(String(b.person_id)));
      // boss's pulls of r1 are at distance 2 and do not count; dan pulled r4 once, unanswered.
      expect(rows).toEqual([
        {
          person_id: id('r1'),
          period_kind: 'quarter',
          period_start: '2026-07-01',
          pulls_received: 4,
          answered: 3,
          answered_share: null, // 4 pulls < 5
          median_response_hours: null, // 3 answers < 5
        },
        {
          person_id: id('r4'),
          period_kind: 'quarter',
          period_start: '2026-07-01',
          pulls_received: 1,
          answered: 0,
          answered_share: null,
          median_response_hours: null,
        },
      ]);
      const pulls = await queryManagerPulls(store.db, [id('r1'), id('r2')], {
        from: '2026-07-01',
        to: '2026-10-01',
      });
      expect([...pulls.keys()]).toEqual([id('r1')]);
      const hour = 3_600_000;
      expect(pulls.get(id('r1'))?.pullsReceived).toBe(4);
      expect([...(pulls.get(id('r1'))?.responseTimesMs ?? [])].sort((a, b) => a - b)).toEqual([
        1 * hour,
        3 * hour,
        26 * hour,
      ]);
      expect(leaPulls).toHaveLength(4);
    });

    it('follows the configured minimum volume, bands and interval width', async () => {
      try {
        await writeMetricSettings(store.db, { minVolume: 3, bands: { external: [0.8, 1] } });
        // 4 events are enough now, but lea's intervals stay wider than 0.30.
        expect(await profile(store, id('lea'))).toMatchObject({
          band_peer: 'not enough data',
          band_external: 'not enough data',
        });
        await writeMetricSettings(store.db, { maxIntervalWidth: 1 });
        expect(await profile(store, id('lea'))).toMatchObject({
          band_peer: 'in band', // 0.35–0.95 overlaps 0.4–0.6
          band_external: 'in band', // 0.64–0.99 overlaps 0.8–1
          external_pull_share_corrected: expect.closeTo(0.1, 12),
        });
        await writeMetricSettings(store.db, { bands: { external: [0.3, 0.6] } });
        expect(await profile(store, id('lea'))).toMatchObject({
          band_external: 'too pushy', // 0.64–0.99: all of it above 0.6
        });
        const q = await sql<{ answered_share: number; median_response_hours: number }>`
          select answered_share, median_response_hours from analytics.manager_pulls
          where person_id = ${(await analyticsAliases(store)).alias(id('r1'))} and period_kind = 'quarter'`.execute(
          store.db,
        );
        const pulls = (
          await queryManagerPulls(store.db, [id('r1')], { from: '2026-07-01', to: '2026-10-01' })
        ).get(id('r1'));
        const ts = managerPullMetrics(pulls ?? { pullsReceived: 0, responseTimesMs: [] }, 3);
        expect(q.rows[0]).toEqual({ answered_share: 0.75, median_response_hours: 3 });
        expect(ts.answeredShare).toBe(0.75);
        expect(ts.medianResponseMs).toBe(3 * 3_600_000);
        await expect(writeMetricSettings(store.db, { minVolume: 0 })).rejects.toThrow(/minimum volume/);
        await expect(writeMetricSettings(store.db, { bands: { up: [0.9, 0.1] } })).rejects.toThrow(/band up/);
      } finally {
        await writeMetricSettings(store.db, {
          minVolume: DEFAULT_MIN_VOLUME,
          bands: { external: [0.3, 0.6] },
          maxIntervalWidth: DEFAULT_MAX_INTERVAL_WIDTH,
        });
      }
    });

    it('rebuildRollups reproduces the incremental rollups exactly, also from nothing', async () => {
      const before = await rollupSnapshot(store);
      expect(before.length).toBeGreaterThan(10);
      const result = await rebuildRollups(store.db);
      expect(await rollupSnapshot(store)).toEqual(before);
      // intact rollups: nothing to write
      expect(result).toMatchObject({ rows: before.length, inserted: 0, updated: 0, deleted: 0 });
      const lea = before.filter((r) => r.startsWith(`${id('lea')} `)).length;
      expect(lea).toBeGreaterThan(0);
      await sql`delete from rollup_daily where person_id = ${id('lea')}`.execute(store.db);
      await sql`update rollup_daily set events = events + 5`.execute(store.db);
      // a row no fact counts in, and a row at zero: both go
      await sql`insert into rollup_daily (person_id, day, direction, mode, initiative, source, events)
        values (${id('lea')}, '2026-01-01', 'up', 'push', '', 'slack', 3),
               (${id('dan')}, '2026-01-02', 'up', 'push', '', 'slack', 0)`.execute(store.db);
      const repaired = await rebuildRollups(store.db);
      expect(await rollupSnapshot(store)).toEqual(before);
      expect(repaired).toEqual({
        rows: before.length,
        events: result.events,
        inserted: lea,
        updated: before.length - lea,
        deleted: 2,
      });
      // from nothing: every row inserted
      await sql`delete from rollup_daily`.execute(store.db);
      expect(await rebuildRollups(store.db)).toMatchObject({
        inserted: before.length,
        updated: 0,
        deleted: 0,
      });
      expect(await rollupSnapshot(store)).toEqual(before);
    });

    it('replaceFacts swaps labels and corrects rollups without double counting, however often it runs', async () => {
      const before = await rollupSnapshot(store);
      // Relabel lea's August pushes up as pulls (a "new classifier"), and add two facts never seen.
      const stored = await store.db
        .selectFrom('labeled_fact')
        .select(['event_id', 'occurred_at'])
        .where('actor_person_id', '=', id('lea'))
        .where('mode', '=', 'push')
        .where('occurred_at', '>=', new Date('2026-08-04T00:00:00Z'))
        .where('occurred_at', '<', new Date('2026-08-05T00:00:00Z'))
        .execute();
      expect(stored).toHaveLength(3);
      const relabeled: FactInput[] = stored.map((s) => ({
        eventId: s.event_id,
        occurredAt: new Date(s.occurred_at).toISOString(),
        source: 'slack',
        type: 'slack.message.posted',
        actorPersonId: id('lea'),
        mode: 'pull',
        initiative: null,
        confidence: 0.7,
        reasons: ['question-sentence'],
        classifierVersion: '9.9.9',
        url: null,
        edges: [edge('up', id('boss'), 1), edge('peer', id('dan'))],
      }));
      const fresh = testFacts(2, id('lea'), '2026-09-02T09:00:00Z', 'pull', [edge('down', id('r2'), 1)]).map(
        (f) => ({
          ...f,
          classifierVersion: '9.9.9',
        }),
      );
      const first = await replaceFacts(store.db, [...relabeled, ...fresh]);
      expect(first).toEqual({ inserted: 2, replaced: 3, relabeled: 3 });
      const afterFirst = await rollupSnapshot(store);
      expect(afterFirst).not.toEqual(before);
      const second = await replaceFacts(store.db, [...relabeled, ...fresh]);
      expect(second).toEqual({ inserted: 0, replaced: 5, relabeled: 0 });
      expect(await rollupSnapshot(store)).toEqual(afterFirst);
      // The corrected rollups are exactly what the facts say.
      await rebuildRollups(store.db);
      expect(await rollupSnapshot(store)).toEqual(afterFirst);
      const rows = await balance(store);
      const q = (direction: string) =>
        rows.find(
          (r) =>
            r.person_id === id('lea') &&
            r.period_kind === 'quarter' &&
            r.period_start === '2026-07-01' &&
            r.direction === direction,
        );
      expect(q('up')).toMatchObject({ push: 5, pull: 5, proactive_push: 3 });
      expect(q('peer')).toMatchObject({ push: 3, pull: 4 });
      expect(q('down')).toMatchObject({ push: 6, pull: 6 });
      const versions = await sql<{ classifier_version: string; n: number }>`
        select classifier_version, count(*)::integer as n from labeled_fact
        group by classifier_version order by classifier_version`.execute(store.db);
      expect(versions.rows).toEqual([
        { classifier_version: '1.0.0', n: expect.any(Number) },
        { classifier_version: '9.9.9', n: 5 },
      ]);
    });
  });
  describeAnalyticsEstimatesContract(name, makeStore);
}
