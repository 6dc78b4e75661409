import {
  type AccountKind,
  type Direction,
  type Identity,
  identityAccountValues,
  normalizeAccountValue,
  PushpullError,
  personIdForEmail,
  type Target,
} from '@pushpull/core';
import { emailDomain, normalizeEmail } from './email-address';
import type { OrgRow } from './org-row';
import type { IdentityOverride } from './parse-identity-overrides';

/** Which account's override wins when an identity carries several: the most specific first. */
const OVERRIDE_PRECEDENCE: readonly AccountKind[] = [
  'email',
  'github_id',
  'github_login',
  'slack_id',
  'graph_id',
];

/** A person as the org chart shows them at one date. */
export interface OrgPerson {
  personId: string;
  email: string;
  name: string | null;
  /** The manager's person id, null at the top of a tree (or when the manager is not in the org yet). */
  managerPersonId: string | null;
  title: string | null;
  department: string | null;
  githubLogin: string | null;
  slackId: string | null;
  /** The `valid_from` of the row in effect (null = always). */
  validFrom: string | null;
}

/** Where a counterpart stands from an author's point of view (PRODUCT.md, direction). */
export interface DirectionResult {
  direction: Direction;
  /** Management levels for `up` / `down`, null otherwise. */
  distance: number | null;
  /** The counterpart's person id, null when unresolved. */
  personId: string | null;
}

export interface OrgChartOptions {
  /** Email domains that count as the organisation's besides those of the rows' emails. */
  orgDomains?: readonly string[];
  /**
   * Manual links of tool accounts to people (the identity override file). They win over the
   * chart's own columns; a link to an email that is not in the chart is ignored.
   */
  overrides?: readonly IdentityOverride[];
}

interface Period {
  /** Start in epoch ms; -Infinity for a row without valid_from. */
  from: number;
  row: OrgRow;
  /** Index of the manager in `persons`, -1 for none (top of a tree or a manager outside the chart). */
  manager: number;
}

interface Person {
  id: string;
  email: string;
  /** Sorted by `from`, ascending; never empty. */
  periods: Period[];
  /** When the person joins the org: the first period's start. */
  first: number;
}

/**
 * The effective-dated org chart: who reports to whom at any date, identity resolution and the
 * direction of an author → counterpart edge. Immutable; build it with {@link OrgChart.fromRows}.
 *
 * The chart at a date uses each person's row with the greatest `validFrom` on or before that date
 * (`validFrom` null = always; dates are UTC midnights). A person whose first row starts after the
 * date is not in the org yet. Lookups are index based: each person's history is sorted once, a
 * manager lookup is a binary search, and chain walks stop after as many steps as there are people.
 *
 * @example
 * const org = OrgChart.fromRows(parseOrgCsv(csv), { orgDomains: ['acme.io'] });
 * const me = org.resolve({ githubLogin: 'ada' });
 * org.direction(me, { email: 'boss@acme.com', role: 'to' }, new Date('2024-05-01T10:00:00Z'));
 * // { direction: 'up', distance: 1, personId: 'p:boss@acme.com' }
 */
export class OrgChart {
  private readonly byId = new Map<string, number>();
  private readonly byEmail = new Map<string, number>();
  private readonly byGithubLogin = new Map<string, number>();
  private readonly bySlackId = new Map<string, number>();
  private readonly byOverride = new Map<string, number>();
  private readonly domains: ReadonlySet<string>;

  private constructor(
    private readonly persons: readonly Person[],
    domains: Iterable<string>,
    overrides: readonly IdentityOverride[] = [],
  ) {
    this.domains = new Set(domains);
    persons.forEach((p, i) => {
      this.byId.set(p.id, i);
      this.byEmail.set(p.email, i);
    });
    // Later-starting rows win when two people claim the same login or Slack id.
    const dated = persons.flatMap((p, i) => p.periods.map((period) => ({ period, i })));
    dated.sort((a, b) => compare(a.period.from, b.period.from));
    for (const { period, i } of dated) {
      if (period.row.githubLogin)
        this.byGithubLogin.set(normalizeAccountValue('github_login', period.row.githubLogin), i);
      if (period.row.slackId) this.bySlackId.set(normalizeAccountValue('slack_id', period.row.slackId), i);
    }
    for (const o of overrides) {
      const i = this.byEmail.get(normalizeEmail(o.email));
      if (i !== undefined) this.byOverride.set(`${o.kind}\u0000${normalizeAccountValue(o.kind, o.value)}`, i);
    }
  }

  /**
   * Builds the chart from org rows (several rows per email = history). Emails are normalised; a
   * manager email that has no row is treated as no manager. The org domains are the domains of the
   * rows' emails plus `options.orgDomains`. Throws `PushpullError('ORG_ROWS_INVALID')` for a row whose
   * `validFrom` is not a date.
   *
   * @example const org = OrgChart.fromRows(rows, { orgDomains: ['acme-corp.com'] });
   */
  static fromRows(rows: readonly OrgRow[], options: OrgChartOptions = {}): OrgChart {
    const indexOf = new Map<string, number>();
    const persons: Person[] = [];
    const managers: (string | null)[][] = [];
    for (const row of rows) {
      const email = normalizeEmail(row.email);
      const from =
        row.validFrom === null ? Number.NEGATIVE_INFINITY : Date.parse(`${row.validFrom}T00:00:00Z`);
      if (Number.isNaN(from)) {
        throw new PushpullError(
          'ORG_ROWS_INVALID',
          `org row for ${email}: validFrom "${row.validFrom}" is not a date`,
          {
            email,
            validFrom: row.validFrom,
          },
        );
      }
      let i = indexOf.get(email);
      if (i === undefined) {
        i = persons.length;
        indexOf.set(email, i);
        persons.push({ id: personIdForEmail(email), email, periods: [], first: from });
        managers.push([]);
      }
      const person = persons[i]!;
      const manager = row.managerEmail === null ? null : normalizeEmail(row.managerEmail);
      const normalised: OrgRow = { ...row, email, managerEmail: manager };
      const same = person.periods.findIndex((p) => p.from === from);
      if (same >= 0) {
        // A repeated (email, validFrom): the later row replaces the earlier one.
        person.periods[same] = { from, row: normalised, manager: -1 };
        managers[i]![same] = manager;
      } else {
        person.periods.push({ from, row: normalised, manager: -1 });
        managers[i]!.push(manager);
      }
    }
    persons.forEach((person, i) => {
      const order = person.periods
        .map((_, k) => k)
        .sort((a, b) => compare(person.periods[a]!.from, person.periods[b]!.from));
      person.periods = order.map((k) => {
        const period = person.periods[k]!;
        const manager = managers[i]![k] ?? null;
        const m = manager === null ? undefined : indexOf.get(manager);
        return { ...period, manager: m === undefined || m === i ? -1 : m };
      });
      person.first = person.periods[0]!.from;
    });
    const domains = new Set<string>();
    for (const p of persons) {
      const d = emailDomain(p.email);
      if (d) domains.add(d);
    }
    for (const d of options.orgDomains ?? []) {
      const clean = d.trim().toLowerCase().replace(/^@/, '');
      if (clean) domains.add(clean);
    }
    return new OrgChart(persons, domains, options.overrides);
  }

  /** How many people the chart knows (at any date). */
  get size(): number {
    return this.persons.length;
  }

  /** The organisation's email domains, sorted. */
  get orgDomains(): readonly string[] {
    return [...this.domains].sort();
  }

  /**
   * Everyone in the org at `asOf` (default: everyone, each with their latest row), sorted by person id.
   *
   * @example org.people(new Date('2024-01-01')).map((p) => p.email)
   */
  people(asOf?: Date): OrgPerson[] {
    const t = asOf?.getTime();
    const out: OrgPerson[] = [];
    for (const p of this.persons) {
      const period = t === undefined ? p.periods[p.periods.length - 1]! : this.periodAt(p, t);
      if (period) out.push(this.toPerson(p, period, t));
    }
    return out.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  }

  /**
   * One person as of `at` (default: their latest row), or null when unknown or not in the org yet.
   *
   * @example org.person('p:ada@acme.com')?.managerPersonId
   */
  person(personId: string, at?: Date): OrgPerson | null {
    const i = this.byId.get(personId);
    if (i === undefined) return null;
    const p = this.persons[i]!;
    const t = at?.getTime();
    const period = t === undefined ? p.periods[p.periods.length - 1]! : this.periodAt(p, t);
    return period ? this.toPerson(p, period, t) : null;
  }

  /**
   * The direct manager of a person at `at`, or null (top of a tree, unknown, not in the org yet).
   *
   * @example org.managerOf('p:ada@acme.com', new Date('2024-03-01')) // 'p:boss@acme.com'
   */
  managerOf(personId: string, at: Date): string | null {
    const i = this.byId.get(personId);
    if (i === undefined) return null;
    const m = this.managerIndexAt(i, at.getTime());
    return m < 0 ? null : this.persons[m]!.id;
  }

  /**
   * The direct reports of a person at `at`, sorted by person id. Scans the chart (O(people)).
   *
   * @example org.directReports('p:boss@acme.com', new Date('2024-03-01')) // ['p:ada@acme.com', …]
   */
  directReports(personId: string, at: Date): string[] {
    const target = this.byId.get(personId);
    if (target === undefined) return [];
    const t = at.getTime();
    if (this.persons[target]!.first > t) return [];
    const out: string[] = [];
    for (let i = 0; i < this.persons.length; i++) {
      if (this.managerIndexAt(i, t) === target) out.push(this.persons[i]!.id);
    }
    return out.sort();
  }

  /**
   * The person id of an identity: a manual override first (the only way to resolve GitHub and Graph
   * ids), else the one person its email, GitHub login (case-insensitive) and Slack id point to. Null
   * when nothing matches — or when those keys point to different people: such an identity is
   * ambiguous ({@link OrgChart.ambiguity}) and is listed for an admin, never guessed.
   *
   * @example org.resolve({ githubLogin: 'Ada-L' }) // 'p:ada@acme.com'
   */
  resolve(identity: Identity | Target): string | null {
    const i: number | undefined = this.byOverride.size > 0 ? this.overrideOf(identity) : undefined;
    if (i !== undefined) return this.persons[i]!.id;
    const matches = this.matchesOf(identity);
    return matches.length === 1 ? this.persons[matches[0]!]!.id : null;
  }

  /**
   * The people an identity's keys point to when they disagree (its email is Ada's but its Slack id is
   * Bob's), sorted; null when the identity is not ambiguous or a manual override settles it.
   *
   * @example org.ambiguity({ email: 'ada@acme.com', slackId: 'U0BOB' }) // ['p:ada@acme.com', 'p:bob@acme.com']
   */
  ambiguity(identity: Identity | Target): string[] | null {
    if (this.byOverride.size > 0 && this.overrideOf(identity) !== undefined) return null;
    const matches = this.matchesOf(identity);
    return matches.length > 1 ? matches.map((m) => this.persons[m]!.id).sort() : null;
  }

  /** The distinct people matched by the identity's email, GitHub login and Slack id. */
  private matchesOf(identity: Identity | Target): number[] {
    const byEmail = identity.email ? this.byEmail.get(normalizeEmail(identity.email)) : undefined;
    const byLogin = identity.githubLogin
      ? this.byGithubLogin.get(normalizeAccountValue('github_login', identity.githubLogin))
      : undefined;
    const bySlack = identity.slackId
      ? this.bySlackId.get(normalizeAccountValue('slack_id', identity.slackId))
      : undefined;
    const out: number[] = [];
    for (const m of [byEmail, byLogin, bySlack]) if (m !== undefined && !out.includes(m)) out.push(m);
    return out;
  }

  private overrideOf(identity: Identity | Target): number | undefined {
    const accounts = new Map(identityAccountValues(identity));
    for (const kind of OVERRIDE_PRECEDENCE) {
      const value = accounts.get(kind);
      const i = value === undefined ? undefined : this.byOverride.get(`${kind}\u0000${value}`);
      if (i !== undefined) return i;
    }
    return undefined;
  }

  /**
   * True when the identity has an email whose domain is not an org domain (nor a subdomain of one).
   * An identity without an email is never external: it is merely unresolved.
   *
   * @example org.isExternal({ email: 'buyer@client.com' }) // true
   */
  isExternal(identity: Identity | Target): boolean {
    if (!identity.email) return false;
    const domain = emailDomain(identity.email);
    if (domain === null) return false;
    if (this.domains.has(domain)) return false;
    for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
      if (this.domains.has(domain.slice(dot + 1))) return false;
    }
    return true;
  }

  /**
   * The direction of the edge author → counterpart with the chart as it stood at `at`:
   * - `up`: the counterpart is in the author's management chain (distance = levels, manager = 1);
   * - `down`: the author is in the counterpart's management chain (distance = levels);
   * - `peer`: both have the same direct manager;
   * - `lateral`: both are in the org, none of the above;
   * - `external`: the counterpart is not resolvable and has an email outside the org domains —
   *   whether or not the author is resolved, since it describes the counterpart alone;
   * - `unknown`: the counterpart is unresolvable without an external email, or is not in the org at
   *   `at`, or the author is null / unknown / not in the org at `at`.
   * A self-edge (counterpart = author) is `unknown` with `personId` set: the classifier drops
   * self-edges, and a person is neither above, below nor beside themselves.
   *
   * @example org.direction('p:ada@acme.com', { email: 'boss@acme.com', role: 'to' }, at) // up, 1
   */
  direction(actorPersonId: string | null, counterpart: Identity | Target, at: Date): DirectionResult {
    const personId = this.resolve(counterpart);
    if (personId === null) {
      return {
        direction: this.isExternal(counterpart) ? 'external' : 'unknown',
        distance: null,
        personId: null,
      };
    }
    const t = at.getTime();
    const c = this.byId.get(personId)!;
    const a = actorPersonId === null ? undefined : this.byId.get(actorPersonId);
    if (a === undefined || a === c || this.persons[c]!.first > t || this.persons[a]!.first > t) {
      return { direction: 'unknown', distance: null, personId };
    }
    const limit = this.persons.length;

    const actorManager = this.managerIndexAt(a, t);
    for (let m = actorManager, depth = 1; m >= 0 && depth <= limit; m = this.managerIndexAt(m, t), depth++) {
      if (m === c) return { direction: 'up', distance: depth, personId };
    }
    const counterpartManager = this.managerIndexAt(c, t);
    for (
      let m = counterpartManager, depth = 1;
      m >= 0 && depth <= limit;
      m = this.managerIndexAt(m, t), depth++
    ) {
      if (m === a) return { direction: 'down', distance: depth, personId };
    }
    if (actorManager >= 0 && actorManager === counterpartManager) {
      return { direction: 'peer', distance: null, personId };
    }
    return { direction: 'lateral', distance: null, personId };
  }

  /** The period of a person in effect at `t`, or null before their first row. */
  private periodAt(p: Person, t: number): Period | null {
    const periods = p.periods;
    if (periods.length === 1) return periods[0]!.from <= t ? periods[0]! : null;
    let lo = 0;
    let hi = periods.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (periods[mid]!.from <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : periods[found]!;
  }

  /** The manager index of person `i` at `t`; -1 for none or for a manager not in the org yet. */
  private managerIndexAt(i: number, t: number): number {
    const period = this.periodAt(this.persons[i]!, t);
    if (!period || period.manager < 0) return -1;
    return this.persons[period.manager]!.first <= t ? period.manager : -1;
  }

  private toPerson(p: Person, period: Period, t: number | undefined): OrgPerson {
    const m = period.manager;
    const managerInOrg = m >= 0 && (t === undefined || this.persons[m]!.first <= t);
    return {
      personId: p.id,
      email: p.email,
      name: period.row.name,
      managerPersonId: managerInOrg ? this.persons[m]!.id : null,
      title: period.row.title,
      department: period.row.department,
      githubLogin: period.row.githubLogin,
      slackId: period.row.slackId,
      validFrom: period.row.validFrom,
    };
  }
}

function compare(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
