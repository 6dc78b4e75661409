import type { OrgMember } from '@pushpull/store';

/**
 * The org chart as of one day (`queryOrgAsOf`, the store's one definition of who reports to whom),
 * indexed for the access rules and team views.
 */
export class OrgIndex {
  private readonly byId = new Map<string, OrgMember>();
  private readonly reportsOf = new Map<string, OrgMember[]>();

  constructor(members: readonly OrgMember[]) {
    for (const m of members) this.byId.set(m.personId, m);
    for (const m of members) {
      if (!m.managerPersonId) continue; // nobody is their own manager (org_as_of)
      const list = this.reportsOf.get(m.managerPersonId) ?? [];
      list.push(m);
      this.reportsOf.set(m.managerPersonId, list);
    }
  }

  /** The person, or undefined. */
  get(personId: string): OrgMember | undefined {
    return this.byId.get(personId);
  }

  /** Direct reports of a person (empty for non-leaders). */
  directReports(personId: string): OrgMember[] {
    return this.reportsOf.get(personId) ?? [];
  }

  /** True when the person has at least one direct report. */
  isLeader(personId: string): boolean {
    return this.directReports(personId).length > 0;
  }

  /** Every leader, ordered by email. */
  leaders(): OrgMember[] {
    return [...this.byId.values()].filter((m) => this.isLeader(m.personId));
  }

  /**
   * The person's level: how many managers are above them in the chart (0 at the top of a tree, 1 for
   * those reporting to the top, …), as the simulator and the org chart's depth define it. A loop in
   * the chart stops the count where it closes.
   *
   * @example org.level('p:ceo@acme.io') // 0
   */
  level(personId: string): number {
    let depth = 0;
    const seen = new Set<string>([personId]);
    let cur = this.byId.get(personId);
    while (cur?.managerPersonId && !seen.has(cur.managerPersonId) && this.byId.has(cur.managerPersonId)) {
      seen.add(cur.managerPersonId);
      cur = this.byId.get(cur.managerPersonId);
      depth++;
    }
    return depth;
  }

  /** True when `personId` is `leaderId` or anywhere in their reporting subtree. */
  inSubtree(leaderId: string, personId: string): boolean {
    let cur = this.byId.get(personId);
    const seen = new Set<string>();
    while (cur && !seen.has(cur.personId)) {
      if (cur.personId === leaderId) return true;
      seen.add(cur.personId);
      cur = cur.managerPersonId ? this.byId.get(cur.managerPersonId) : undefined;
    }
    return false;
  }
}
