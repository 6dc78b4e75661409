import { type Pseudonymiser, pseudonymiser } from '@pushpull/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, differencingStore } from './dashboard-fixture';

// Finding 2 of issue 14 (b, c): differencing gave one person's exact counts. Team membership was read as
// of the period's end, so team(quarter) − team(its months) left a joiner's months before they joined;
// and a team minus its sub-leaders (each listed on their own) left the one other member.

interface TeamAnswer {
  members: number;
  membersFullPeriod: number;
  directions: Record<string, { push: number | null; withheld: string | null }>;
  upwardVolume: number | null;
  upwardWithheld: string | null;
  cultureMedian: number | null;
  cultureWithheld: string | null;
}

describe('finding 2: team figures cannot be differenced down to one person', () => {
  let fixture: Awaited<ReturnType<typeof differencingStore>>;
  let alias: Pseudonymiser;
  const ana = basic('ana', 'analyst-password');

  beforeAll(async () => {
    fixture = await differencingStore();
    alias = await pseudonymiser(fixture.store.db);
  });
  afterAll(() => fixture.close());

  // analysts open a team by its leader's pseudonym (finding 1)
  const team = async (leader: string, period: string): Promise<TeamAnswer> => {
    const res = await fixture.app.request(
      `/api/teams/${alias(`p:${leader}@acme.example`)}?period=${period}`,
      {
        headers: ana,
      },
    );
    expect(res.status, `${leader} ${period}`).toBe(200);
    return (await res.json()) as TeamAnswer;
  };

  it('team(quarter) − team(each month) leaves nothing of a member who joined within the quarter', async () => {
    // mover joined lead's team on 2026-09-15 and pushed up 10 a month all quarter (to other before).
    const quarter = await team('lead', '2026-Q3');
    const months = await Promise.all(['2026-07', '2026-08', '2026-09'].map((m) => team('lead', m)));
    const upPushes = (t: TeamAnswer) => t.directions.up?.push as number;
    // The attack: before the fix this was 20, mover's July and August (the quarter, read as of its last
    // day, counted mover's whole quarter; July and August did not have mover, September only September).
    expect(upPushes(quarter) - months.reduce((s, m) => s + upPushes(m), 0)).toBe(0);
    // dev i pushes up i + 2 a month: 6 devs × 3 months = 3 × (3 + 4 + … + 8) = 99
    expect(upPushes(quarter)).toBe(99);
    expect(quarter.members).toBe(7); // mover is in the chart on the quarter's last day…
    expect(quarter.membersFullPeriod).toBe(6); // …but not present for the whole quarter: not counted
    expect(months.map((m) => m.membersFullPeriod)).toEqual([6, 6, 6]); // nor in September (from the 15th)
    expect(quarter.upwardVolume).toBe(99);
  });

  it('a rolling preset counts the same whole-period members (mover joined inside last-90d)', async () => {
    const rolling = await team('lead', 'last-90d'); // 2026-09-09 … 2026-12-07
    expect(rolling.members).toBe(7);
    expect(rolling.membersFullPeriod).toBe(6);
  });

  it('the analytics view counts the whole-period members too', async () => {
    const row = await sql<{ team_upward_proactivity: number | null }>`
      select team_upward_proactivity from analytics.leader_profile
      where person_id = ${(await pseudonymiser(fixture.store.db))('p:lead@acme.example')} and period_kind = 'quarter' and period_start = '2026-07-01'`.execute(
      fixture.store.db,
    );
    // devs' upward proactivity i/(i+2): 1/3, 1/2, 3/5, 2/3, 5/7, 3/4 → median (3/5 + 2/3) / 2; with
    // mover's 1.0 among them it would be 2/3
    expect(row.rows[0]?.team_upward_proactivity).toBeCloseTo((3 / 5 + 2 / 3) / 2, 12);
  });

  it("a team of five sub-leaders and one other member is withheld: minus the sub-leaders' figures it is that member's", async () => {
    // The sub-leaders are listed one by one, with their counts, to an analyst…
    const res = await fixture.app.request('/api/leaders?period=2026-Q3', { headers: ana });
    const leaders = (await res.json()) as { personId: string; counts: Record<string, { push: number }> }[];
    const subIds = new Set([1, 2, 3, 4, 5].map((n) => alias(`p:sub${n}@acme.example`)));
    const subs = leaders.filter((l) => subIds.has(l.personId));
    expect(subs).toHaveLength(5);
    expect(subs.reduce((s, l) => s + (l.counts.up?.push ?? 0), 0)).toBe(75);
    // …so chief's team figures (sub1…sub5 and ic) would give ic's by subtraction: they are withheld.
    const chief = await team('chief', '2026-Q3');
    expect(chief.membersFullPeriod).toBe(6);
    for (const d of ['up', 'down', 'peer', 'external']) {
      expect(chief.directions[d]?.push, d).toBeNull();
      expect(chief.directions[d]?.withheld, d).toMatch(/fewer than 5 people with data/);
    }
    expect(chief.directions.up?.withheld).toBe(
      'fewer than 5 people with data besides the sub-leaders shown on their own',
    );
    expect(chief.upwardVolume).toBeNull();
    expect(chief.upwardWithheld).toMatch(/besides the sub-leaders/);
    expect(chief.cultureMedian).toBeNull();
    expect(chief.cultureWithheld).toMatch(/besides the sub-leaders/);
    // the view withholds it too
    const row = await sql<{
      team_upward_proactivity: number | null;
      team_upward_proactivity_corrected: number | null;
    }>`
      select team_upward_proactivity, team_upward_proactivity_corrected from analytics.leader_profile
      where person_id = ${(await pseudonymiser(fixture.store.db))('p:chief@acme.example')} and period_kind = 'quarter' and period_start = '2026-07-01'`.execute(
      fixture.store.db,
    );
    expect(row.rows[0]).toEqual({ team_upward_proactivity: null, team_upward_proactivity_corrected: null });
  });

  it('an admin still sees every team figure', async () => {
    const res = await fixture.app.request('/api/teams/p:chief@acme.example?period=2026-Q3', {
      headers: basic('root', 'admin-password'),
    });
    const chief = (await res.json()) as TeamAnswer;
    expect(chief.directions.up?.push).toBe(90);
    expect(chief.cultureWithheld).toBeNull();
  });
});
