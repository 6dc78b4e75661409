import type { OrgRow } from './org-row';

/** A person at the top of a reporting tree, with how many people that tree holds beneath them. */
export interface TreeTop {
  email: string;
  /** People who report to this person directly or indirectly. */
  below: number;
}

/** What {@link peopleWithoutManager} found. */
export interface PeopleWithoutManager {
  /** The top of the org: the person without a manager who has the most people beneath them. */
  top: TreeTop | null;
  /**
   * Everyone else without a manager, most people beneath first (then by email). Often a forgotten
   * `manager_email`: each is counted apart from the org's reporting lines.
   */
  others: TreeTop[];
}

/**
 * The people without a manager in the org chart as it stands now (each person's latest row): the top
 * of the org, and the others — who are usually a missing `manager_email`. Rows must be valid
 * (`parseOrgCsv`: no cycles, every manager in the file); walks are iterative, so depth is no issue.
 *
 * @example
 * peopleWithoutManager(parseOrgCsv('email,manager_email\nceo@a.io,\nann@a.io,ceo@a.io\nbob@a.io,\n'));
 * // { top: { email: 'ceo@a.io', below: 1 }, others: [{ email: 'bob@a.io', below: 0 }] }
 */
export function peopleWithoutManager(rows: readonly OrgRow[]): PeopleWithoutManager {
  const latest = new Map<string, OrgRow>();
  for (const row of rows) {
    const seen = latest.get(row.email);
    if (!seen || (row.validFrom ?? '') >= (seen.validFrom ?? '')) latest.set(row.email, row);
  }
  const managerOf = (email: string): string | null => {
    const manager = latest.get(email)?.managerEmail ?? null;
    return manager !== null && latest.has(manager) ? manager : null;
  };

  // The top of each person's tree, memoised along the walk; a cycle (invalid rows) stops the walk.
  const topOf = new Map<string, string>();
  const below = new Map<string, number>();
  for (const email of latest.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current = email;
    let top: string | undefined;
    for (;;) {
      top = topOf.get(current);
      if (top !== undefined) break;
      path.push(current);
      onPath.add(current);
      const manager = managerOf(current);
      if (manager === null || onPath.has(manager)) {
        top = current;
        break;
      }
      current = manager;
    }
    for (const p of path) topOf.set(p, top);
    if (email !== top) below.set(top, (below.get(top) ?? 0) + 1);
  }

  const tops: TreeTop[] = [...latest.keys()]
    .filter((email) => managerOf(email) === null)
    .map((email) => ({ email, below: below.get(email) ?? 0 }))
    .sort((a, b) => b.below - a.below || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  return { top: tops[0] ?? null, others: tops.slice(1) };
}
