import { sql } from 'kysely';
import type { Store } from '../open-store';
import { pseudonymiser } from '../pseudonym';

/** The person-id columns of the analytics views, which hold pseudonyms (migration 0009). */
const ID_COLUMNS = ['person_id', 'manager_person_id'] as const;

/** A store's pseudonyms both ways, for tests that check the analytics views by person. */
export interface AnalyticsAliases {
  /** The pseudonym the views show for a person id. */
  alias: (personId: string) => string;
  /** The rows with each pseudonym in `person_id`/`manager_person_id` turned back into its person id. */
  unalias: <T extends Record<string, unknown>>(rows: readonly T[]) => T[];
}

/**
 * Test helper: the pseudonyms of every person the store knows (org chart and rollups), so that a test
 * can read `analytics.*` and compare with person ids. A pseudonym the store cannot explain fails the
 * test: the views and `pseudonymOf` must agree.
 *
 * @example const { unalias } = await analyticsAliases(store); unalias(rows)[0].person_id // 'p:lea@acme.io'
 */
export async function analyticsAliases(store: Store): Promise<AnalyticsAliases> {
  const alias = await pseudonymiser(store.db);
  const known = await sql<{ person_id: string }>`select person_id from org_person
    union select person_id from rollup_daily`.execute(store.db);
  const back = new Map(known.rows.map((r) => [alias(r.person_id), r.person_id]));
  const unalias = <T extends Record<string, unknown>>(rows: readonly T[]): T[] =>
    rows.map((row) => {
      const out: Record<string, unknown> = { ...row };
      for (const column of ID_COLUMNS) {
        const value = out[column];
        if (typeof value !== 'string') continue;
        const id = back.get(value);
        if (id === undefined) throw new Error(`${column} ${value} is no pseudonym of a known person`);
        out[column] = id;
      }
      return out as T;
    });
  return { alias, unalias };
}
