import { type Direction, personIdForEmail } from '@pushpull/core';
import type { OrgRow } from '@pushpull/org';
import { ARCHETYPES, type Archetype } from './archetype';
import {
  CLIENT_COMPANIES,
  CLIENT_ROLES,
  DEPARTMENTS,
  FIRST_NAMES,
  IC_TITLES,
  LAST_NAMES,
  MANAGER_TITLES,
  TEAM_NAMES,
  TECH_DEPARTMENTS,
} from './name-lists';
import { createRng, type Rng } from './rng';

/** One simulated employee. `index` 0 is the CEO; managers always have a smaller index than their reports. */
export interface SimPerson {
  readonly index: number;
  readonly name: string;
  readonly firstName: string;
  readonly email: string;
  readonly personId: string;
  readonly title: string;
  readonly department: string;
  readonly team: string;
  readonly githubLogin: string | null;
  readonly slackId: string | null;
  /** Management level in the initial chart: 0 for the CEO. */
  readonly level: number;
  /** Set for people with reports at the start of the period. */
  readonly archetype: Archetype | null;
}

/** A client contact outside the organisation (known by email only). */
export interface SimExternal {
  readonly email: string;
  readonly name: string;
  readonly company: string;
  readonly personId: string;
}

/** A person who moves to another manager on `day` (0-based day of the period, = `validFrom`). */
export interface ManagerChange {
  readonly person: number;
  readonly day: number;
  readonly validFrom: string;
  readonly from: number;
  readonly to: number;
}

/** The direction and distance of an edge, as the simulator knows it. */
export interface Relation {
  direction: Direction;
  distance: number | null;
}

/** What the org chart looks like: options of `buildSimulatedOrg`. */
export interface OrgShape {
  seed: number;
  people: number;
  days: number;
  start: string;
  orgDomain: string;
}

interface Epoch {
  readonly manager: Int32Array;
  readonly reports: readonly (readonly number[])[];
}

/**
 * The simulated organisation: people, their effective-dated reporting lines, and client contacts.
 * Directions are computed from the simulator's own chart as it stands on a given day.
 *
 * @example
 * const org = buildSimulatedOrg({ seed: 1, people: 50, days: 30, start: '2026-01-05', orgDomain: 'acme.example' });
 * org.relation(5, 0, org.epochOf(0)); // e.g. { direction: 'up', distance: 2 }
 */
export class SimulatedOrg {
  constructor(
    readonly shape: OrgShape,
    readonly people: readonly SimPerson[],
    readonly externals: readonly SimExternal[],
    readonly changes: readonly ManagerChange[],
    private readonly epochs: readonly Epoch[],
    private readonly dayEpoch: Int32Array,
  ) {}

  /** The chart version in force on `day` (0-based). */
  epochOf(day: number): number {
    return this.dayEpoch[Math.min(Math.max(day, 0), this.dayEpoch.length - 1)]!;
  }

  /** The manager of `person` in `epoch`, -1 for the CEO. */
  managerOf(person: number, epoch: number): number {
    return this.epochs[epoch]!.manager[person]!;
  }

  /** Direct reports of `person` in `epoch`, by index. */
  reportsOf(person: number, epoch: number): readonly number[] {
    return this.epochs[epoch]!.reports[person]!;
  }

  /** People with the same direct manager as `person` in `epoch`. */
  peersOf(person: number, epoch: number): number[] {
    const manager = this.managerOf(person, epoch);
    if (manager < 0) return [];
    return this.reportsOf(manager, epoch).filter((p) => p !== person);
  }

  /** The direction of `author` → `counterpart` (both internal) in `epoch` (PRODUCT.md, Labels). */
  relation(author: number, counterpart: number, epoch: number): Relation {
    const manager = this.epochs[epoch]!.manager;
    let distance = 1;
    for (let p = manager[author]!; p >= 0; p = manager[p]!, distance++) {
      if (p === counterpart) return { direction: 'up', distance };
    }
    distance = 1;
    for (let p = manager[counterpart]!; p >= 0; p = manager[p]!, distance++) {
      if (p === author) return { direction: 'down', distance };
    }
    const own = manager[author]!;
    if (own >= 0 && own === manager[counterpart]) return { direction: 'peer', distance: null };
    return { direction: 'lateral', distance: null };
  }

  /** The org chart CSV rows: one per person (valid_from empty), then one per manager change. */
  orgRows(): OrgRow[] {
    const rows: OrgRow[] = this.people.map((p) =>
      this.row(p, this.managerOf(p.index, 0), p.department, null),
    );
    for (const change of this.changes) {
      const person = this.people[change.person]!;
      rows.push(this.row(person, change.to, this.people[change.to]!.department, change.validFrom));
    }
    return rows;
  }

  /** The archetype of every leader, by email. */
  leaders(): Record<string, { archetype: Archetype }> {
    const leaders: Record<string, { archetype: Archetype }> = {};
    for (const p of this.people) if (p.archetype) leaders[p.email] = { archetype: p.archetype };
    return leaders;
  }

  private row(person: SimPerson, manager: number, department: string, validFrom: string | null): OrgRow {
    return {
      email: person.email,
      name: person.name,
      managerEmail: manager >= 0 ? this.people[manager]!.email : null,
      title: person.title,
      department,
      githubLogin: person.githubLogin,
      slackId: person.slackId,
      validFrom,
    };
  }
}

/**
 * Builds a deterministic org chart: a CEO, department heads, managers and individual contributors
 * (spans 3–8, at least three levels below the CEO from 30 people), a few manager changes in the
 * middle of the period, and client contacts at other domains.
 *
 * @example const org = buildSimulatedOrg({ seed: 7, people: 120, days: 90, start: '2026-01-01', orgDomain: 'acme.example' });
 */
export function buildSimulatedOrg(shape: OrgShape): SimulatedOrg {
  const rng = createRng(shape.seed, 1);
  const n = shape.people;
  const { parent, level } = buildTree(rng, n);
  const reportCount = new Array<number>(n).fill(0);
  for (const p of parent) if (p >= 0) reportCount[p]!++;

  const department: string[] = [];
  const team: string[] = [];
  let head = 0;
  for (let i = 0; i < n; i++) {
    const m = parent[i]!;
    if (m < 0) department.push('Executive');
    else if (m === 0) department.push(DEPARTMENTS[head++ % DEPARTMENTS.length]!);
    else department.push(department[m]!);
    team.push(level[i]! <= 1 ? department[i]! : rng.pick(TEAM_NAMES));
  }

  const archetypes = new Array<Archetype | null>(n).fill(null);
  const leaders = rng.shuffle([...Array(n).keys()].filter((i) => reportCount[i]! > 0));
  leaders.forEach((p, k) => {
    archetypes[p] = ARCHETYPES[k % ARCHETYPES.length]!;
  });

  const leadsManagers = new Set<number>();
  for (let i = 1; i < n; i++) if (reportCount[i]! > 0) leadsManagers.add(parent[i]!);
  const names = new NameDrawer(rng, shape.orgDomain);
  const people: SimPerson[] = [];
  for (let i = 0; i < n; i++) {
    const isLeader = reportCount[i]! > 0;
    const { first, last, email } = names.draw();
    const dept = department[i]!;
    const tech = TECH_DEPARTMENTS.has(dept);
    people.push({
      index: i,
      name: `${first} ${last}`,
      firstName: first,
      email,
      personId: personIdForEmail(email),
      title: titleOf(rng, i, level[i]!, dept, isLeader, leadsManagers.has(i)),
      department: dept,
      team: team[i]!,
      githubLogin: isLeader || tech || rng.chance(0.85) ? names.githubLogin(first, last) : null,
      slackId: i === 0 || isLeader || rng.chance(0.97) ? names.slackId() : null,
      level: level[i]!,
      archetype: archetypes[i]!,
    });
  }

  const externals: SimExternal[] = [];
  const externalCount = Math.min(40, 3 + Math.floor(n / 40));
  for (let i = 0; i < externalCount; i++) {
    const company = CLIENT_COMPANIES[i % CLIENT_COMPANIES.length]!;
    const role = CLIENT_ROLES[Math.floor(i / CLIENT_COMPANIES.length) % CLIENT_ROLES.length]!;
    const email = `${role}@${company.domain}`;
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    externals.push({ email, name, company: company.name, personId: personIdForEmail(email) });
  }

  const changes = drawManagerChanges(rng, shape, parent, department, reportCount, leaders);
  const { epochs, dayEpoch } = buildEpochs(parent, changes, shape.days);
  return new SimulatedOrg(shape, people, externals, changes, epochs, dayEpoch);
}

/** Breadth-first tree with spans 3–8 whose depth grows with size (≥ 3 levels below the CEO from 30 people). */
function buildTree(rng: Rng, n: number): { parent: number[]; level: number[] } {
  const parent = [-1];
  const level = [0];
  const children = [0];
  const queue = [0];
  let head = 0;
  // A CEO span s leaves room for at most 1 + 9s people within two levels, so s < (n - 1) / 9 forces a third.
  const ceoMax = Math.min(6, Math.max(3, Math.floor((n - 2) / 9)));
  const add = (manager: number): number => {
    parent.push(manager);
    level.push(level[manager]! + 1);
    children.push(0);
    children[manager]!++;
    return parent.length - 1;
  };
  while (parent.length < n) {
    const remaining = n - parent.length;
    if (remaining < 3) {
      for (let k = 0; k < remaining; k++) add(0);
      break;
    }
    if (head >= queue.length) queue.push(promote(rng, level, children));
    const manager = queue[head++]!;
    let span = Math.min(remaining, level[manager] === 0 ? rng.int(3, ceoMax) : rng.int(3, 8));
    const left = remaining - span;
    if (left > 0 && left < 3) span = span + left <= 8 ? span + left : span - (3 - left);
    const candidateChance = level[manager] === 0 ? 1 : level[manager] === 1 ? 0.5 : 0.4;
    for (let k = 0; k < span; k++) {
      const child = add(manager);
      if (rng.chance(candidateChance)) queue.push(child);
    }
  }
  return { parent, level };
}

/** An individual contributor at the shallowest level, to become a manager when no candidate is left. */
function promote(rng: Rng, level: readonly number[], children: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY;
  let pool: number[] = [];
  for (let i = 1; i < level.length; i++) {
    if (children[i]! > 0) continue;
    if (level[i]! < best) {
      best = level[i]!;
      pool = [i];
    } else if (level[i] === best) pool.push(i);
  }
  return rng.pick(pool);
}

function titleOf(
  rng: Rng,
  index: number,
  level: number,
  department: string,
  isLeader: boolean,
  leadsManagers: boolean,
): string {
  if (index === 0) return 'Chief Executive Officer';
  if (!isLeader) return rng.pick(IC_TITLES[department] ?? IC_TITLES.Operations!);
  if (level === 1) return `VP ${department}`;
  return leadsManagers
    ? `Director of ${department}`
    : (MANAGER_TITLES[department] ?? `${department} Manager`);
}

function drawManagerChanges(
  rng: Rng,
  shape: OrgShape,
  parent: readonly number[],
  department: readonly string[],
  reportCount: number[],
  leaders: readonly number[],
): ManagerChange[] {
  const n = shape.people;
  if (n < 10 || shape.days < 3 || leaders.length < 2) return [];
  const wanted = Math.min(12, Math.max(1, Math.round(n * 0.02)));
  const sameDepartment = new Map<string, number[]>();
  for (const leader of leaders) {
    const list = sameDepartment.get(department[leader]!) ?? [];
    list.push(leader);
    sameDepartment.set(department[leader]!, list);
  }
  const moved = new Set<number>();
  const changes: ManagerChange[] = [];
  for (let attempt = 0; attempt < wanted * 40 && changes.length < wanted; attempt++) {
    const person = rng.int(1, n - 1);
    const from = parent[person]!;
    if (moved.has(person) || reportCount[person]! > 0 || reportCount[from]! < 4) continue;
    const to = rng.pick(
      attempt < wanted * 30 ? (sameDepartment.get(department[person]!) ?? leaders) : leaders,
    );
    if (to === from || to === person || reportCount[to]! >= 8) continue;
    const day = rng.int(
      Math.max(1, Math.floor(shape.days / 3)),
      Math.max(1, Math.floor((2 * shape.days) / 3)),
    );
    moved.add(person);
    reportCount[from]!--;
    reportCount[to]!++;
    changes.push({ person, day, validFrom: addDays(shape.start, day), from, to });
  }
  return changes.sort((a, b) => a.day - b.day || a.person - b.person);
}

function buildEpochs(
  parent: readonly number[],
  changes: readonly ManagerChange[],
  days: number,
): { epochs: Epoch[]; dayEpoch: Int32Array } {
  const manager = Int32Array.from(parent);
  const epochs: Epoch[] = [epochOf(manager)];
  const dayEpoch = new Int32Array(Math.max(days, 1));
  let next = 0;
  for (let day = 0; day < dayEpoch.length; day++) {
    let changed = false;
    while (next < changes.length && changes[next]!.day === day) {
      manager[changes[next]!.person] = changes[next]!.to;
      next++;
      changed = true;
    }
    if (changed) epochs.push(epochOf(manager));
    dayEpoch[day] = epochs.length - 1;
  }
  return { epochs, dayEpoch };
}

function epochOf(source: Int32Array): Epoch {
  const manager = Int32Array.from(source);
  const reports: number[][] = Array.from({ length: manager.length }, () => []);
  for (let i = 0; i < manager.length; i++) if (manager[i]! >= 0) reports[manager[i]!]!.push(i);
  return { manager, reports };
}

/** `YYYY-MM-DD` plus `days` days (UTC). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Lower-case ASCII letters of a name: `Müller` → `muller`. */
function asciiSlug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Draws unique names, emails, GitHub logins and Slack ids. */
class NameDrawer {
  private readonly pairs = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly logins = new Set<string>();
  private readonly slackIds = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly domain: string,
  ) {}

  draw(): { first: string; last: string; email: string } {
    let first = '';
    let last = '';
    for (let attempt = 0; attempt < 30; attempt++) {
      first = this.rng.pick(FIRST_NAMES);
      last = this.rng.pick(LAST_NAMES);
      if (!this.pairs.has(`${first} ${last}`)) break;
    }
    this.pairs.add(`${first} ${last}`);
    const local = `${asciiSlug(first)}.${asciiSlug(last)}`;
    let email = `${local}@${this.domain}`;
    for (let k = 2; this.emails.has(email); k++) email = `${local}${k}@${this.domain}`;
    this.emails.add(email);
    return { first, last, email };
  }

  githubLogin(first: string, last: string): string {
    const f = asciiSlug(first);
    const l = asciiSlug(last);
    const variants = [`${f}${l}`, `${f}-${l}`, `${f.charAt(0)}${l}`, `${f}${l.charAt(0)}`, `${l}-${f}`];
    let login = this.rng.pick(variants);
    while (this.logins.has(login)) login = `${this.rng.pick(variants)}${this.rng.int(1, 999)}`;
    this.logins.add(login);
    return login;
  }

  slackId(): string {
    let id = '';
    do {
      id = 'U0';
      for (let k = 0; k < 9; k++) id += BASE36.charAt(this.rng.int(0, 35));
    } while (this.slackIds.has(id));
    this.slackIds.add(id);
    return id;
  }
}
