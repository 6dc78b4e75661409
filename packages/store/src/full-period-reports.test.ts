import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryFullPeriodReports } from './full-period-reports';
import type { Store } from './open-store';
import { replaceOrgChart } from './org-repository';
import { pgliteStores } from './testing/make-store';
import { orgPerson } from './testing/test-facts';

const id = (name: string) => `p:${name}@acme.io`;

describe('queryFullPeriodReports', () => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ store, cleanup } = await pgliteStores('pushpull-full-period-')());
    await replaceOrgChart(store.db, [
      orgPerson('boss@acme.io', null),
      orgPerson('lea@acme.io', 'boss@acme.io'),
      orgPerson('dan@acme.io', 'boss@acme.io'),
      orgPerson('stay@acme.io', 'lea@acme.io'),
      // joins lea on 2026-08-10 (from dan)
      orgPerson('joiner@acme.io', 'dan@acme.io'),
      orgPerson('joiner@acme.io', 'lea@acme.io', { validFrom: '2026-08-10' }),
      // leaves lea for dan on 2026-08-10
      orgPerson('leaver@acme.io', 'lea@acme.io'),
      orgPerson('leaver@acme.io', 'dan@acme.io', { validFrom: '2026-08-10' }),
      // away to dan for a week in August, back to lea
      orgPerson('away@acme.io', 'lea@acme.io'),
      orgPerson('away@acme.io', 'dan@acme.io', { validFrom: '2026-08-03' }),
      orgPerson('away@acme.io', 'lea@acme.io', { validFrom: '2026-08-10' }),
      // new title, same manager: still present all along
      orgPerson('promoted@acme.io', 'lea@acme.io'),
      orgPerson('promoted@acme.io', 'lea@acme.io', { validFrom: '2026-08-20', title: 'Senior' }),
      // first in the chart on 2026-07-15
      orgPerson('hired@acme.io', 'lea@acme.io', { validFrom: '2026-07-15' }),
    ]);
  });
  afterAll(async () => cleanup?.());

  const teamOf = async (leader: string, first: string, last: string) =>
    [...(await queryFullPeriodReports(store.db, first, last)).values()]
      .filter((r) => r.managerPersonId === id(leader))
      .map((r) => r.personId)
      .sort();

  it('keeps only the people under the same manager on every day of the period', async () => {
    expect(await teamOf('lea', '2026-07-01', '2026-09-30')).toEqual([id('promoted'), id('stay')]);
    expect(await teamOf('dan', '2026-07-01', '2026-09-30')).toEqual([]);
  });

  it('takes a period before or after a change whole', async () => {
    expect(await teamOf('lea', '2026-07-01', '2026-07-31')).toEqual(
      [id('away'), id('leaver'), id('promoted'), id('stay')].sort(),
    );
    expect(await teamOf('lea', '2026-09-01', '2026-09-30')).toEqual(
      [id('away'), id('hired'), id('joiner'), id('promoted'), id('stay')].sort(),
    );
    // the change's own day counts: on 2026-08-10 joiner is already lea's, leaver already dan's
    expect(await teamOf('lea', '2026-08-10', '2026-08-16')).toEqual(
      [id('away'), id('hired'), id('joiner'), id('promoted'), id('stay')].sort(),
    );
    expect(await teamOf('dan', '2026-08-10', '2026-08-16')).toEqual([id('leaver')]);
  });

  it('marks the reports who lead someone themselves', async () => {
    const all = await queryFullPeriodReports(store.db, '2026-07-01', '2026-09-30');
    expect(all.get(id('lea'))).toEqual({ personId: id('lea'), managerPersonId: id('boss'), isLeader: true });
    expect(all.get(id('stay'))?.isLeader).toBe(false);
    expect(all.has(id('boss'))).toBe(false); // nobody's report
  });

  it('refuses a date that is not YYYY-MM-DD', async () => {
    await expect(queryFullPeriodReports(store.db, '2026-7-1', '2026-09-30')).rejects.toThrow(/firstDay/);
  });
});
