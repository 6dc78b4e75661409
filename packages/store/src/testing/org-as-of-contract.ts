import { OrgChart } from '@pushpull/org';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { queryLeaderCounts } from '../leader-repository';
import type { Store } from '../open-store';
import { queryOrgAsOf } from '../org-as-of';
import { loadOrgRows, type OrgPersonInput, replaceOrgChart } from '../org-repository';
import { analyticsAliases } from './analytics-aliases';
import { orgPerson } from './test-facts';

/** A row whose department tells which of the person's rows is in force. */
function row(email: string, managerEmail: string | null, validFrom: string | null = null): OrgPersonInput {
  return orgPerson(email, managerEmail, {
    validFrom,
    department: validFrom ? `since ${validFrom}` : 'always',
  });
}

/** A history with every case the rule decides: joins, moves, a manager outside the chart, one's own manager. */
const HISTORY: OrgPersonInput[] = [
  row('ceo@acme.io', null),
  row('self@acme.io', 'self@acme.io'), // their own manager: no manager
  row('lea@acme.io', 'ceo@acme.io'),
  row('lea@acme.io', 'dan@acme.io', '2024-06-01'), // moves under dan
  row('dan@acme.io', 'ceo@acme.io', '2024-03-01'), // joins in March
  row('r1@acme.io', 'lea@acme.io'),
  row('r1@acme.io', null, '2024-09-01'), // becomes the top of a tree
  row('r2@acme.io', 'ghost@acme.io'), // a manager the chart does not know
  row('r3@acme.io', 'LEA@acme.io', '2024-02-01'), // joins later; the manager's email in capitals
  row('r4@acme.io', 'dan@acme.io'), // dan is not in the org before March
  row('r4@acme.io', 'self@acme.io', '2024-04-30'),
];

const DAYS = [
  '0001-01-01',
  '2024-01-31',
  '2024-02-01',
  '2024-02-29',
  '2024-03-01',
  '2024-04-30',
  '2024-06-01',
  '2024-09-01',
  '2099-01-01',
];

/**
 * "Who reports to whom on day D" (docs/analytics.md): the store's one SQL definition (`org_as_of`, read
 * by `queryOrgAsOf`, `queryLeaderCounts` and `analytics.person`) agrees with `OrgChart` of @pushpull/org
 * on the same rows, day by day. Runs inside the store contract, on its store.
 *
 * @example describeOrgAsOfContract(() => store);
 */
export function describeOrgAsOfContract(getStore: () => Store): void {
  it('org as of a day: the SQL function, the leaders and analytics.person agree with OrgChart', async () => {
    const store = getStore();
    await replaceOrgChart(store.db, HISTORY);
    const chart = OrgChart.fromRows(await loadOrgRows(store.db));
    const byEmail = <T extends { email: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.email.localeCompare(b.email));
    const range = { from: '2024-01-01', to: '2024-01-02' };
    for (const day of DAYS) {
      const at = new Date(`${day}T00:00:00Z`);
      const inMemory = byEmail(chart.people(at)).map((p) => ({
        personId: p.personId,
        email: p.email,
        name: p.name,
        managerPersonId: p.managerPersonId,
        department: p.department,
      }));
      expect(byEmail(await queryOrgAsOf(store.db, day)), day).toEqual(inMemory);
      const leaders = await queryLeaderCounts(store.db, { ...range, asOf: day });
      expect(
        leaders.map((l) => [l.personId, l.reports]),
        day,
      ).toEqual(
        inMemory
          .map((p) => [p.personId, chart.directReports(p.personId, at).length])
          .filter(([, n]) => n !== 0),
      );
    }
    const on = async (day: string) => new Map((await queryOrgAsOf(store.db, day)).map((p) => [p.email, p]));
    const feb = await on('2024-02-29');
    expect(feb.get('r4@acme.io')?.managerPersonId).toBeNull(); // dan joins in March
    expect(feb.get('r3@acme.io')?.managerPersonId).toBe('p:lea@acme.io');
    expect(feb.get('self@acme.io')?.managerPersonId).toBeNull();
    expect(feb.get('r2@acme.io')?.managerPersonId).toBeNull();
    expect(feb.has('dan@acme.io')).toBe(false);
    expect((await on('2024-06-01')).get('lea@acme.io')?.managerPersonId).toBe('p:dan@acme.io');

    const today = new Date(new Date().toISOString().slice(0, 10));
    const person = await sql<{ person_id: string; manager_person_id: string | null; direct_reports: number }>`
      select person_id, manager_person_id, direct_reports from analytics.person`.execute(store.db);
    expect(
      [...(await analyticsAliases(store)).unalias(person.rows)].sort((a, b) =>
        a.person_id < b.person_id ? -1 : 1,
      ),
    ).toEqual(
      chart.people(today).map((p) => ({
        person_id: p.personId,
        manager_person_id: p.managerPersonId,
        direct_reports: chart.directReports(p.personId, today).length,
      })),
    );
  });
}
