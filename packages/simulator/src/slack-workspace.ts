import { hashString, type Rng } from './rng';
import type { SimulatedOrg } from './simulated-org';

/** A Slack conversation: a channel, a DM (`im`) or a group DM (`mpim`). */
export interface SlackChannel {
  readonly id: string;
  readonly name: string;
  readonly type: 'public' | 'private' | 'im' | 'mpim';
  /** Number of members. */
  readonly size: number;
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The simulated Slack workspace: #general, one channel per department, one per team (public or
 * private), a private #leads channel, and DMs / group DMs derived from their members.
 *
 * @example
 * const slack = new SlackWorkspace(org, createRng(1, 3));
 * slack.dm(3, 7).type; // 'im'
 */
export class SlackWorkspace {
  /** The workspace (team) id, derived from the org domain. */
  readonly teamId: string;
  /** The workspace subdomain, for permalinks. */
  readonly subdomain: string;
  readonly general: SlackChannel;
  readonly leads: SlackChannel;
  private readonly departments = new Map<string, SlackChannel>();
  private readonly teams = new Map<number, SlackChannel>();
  private readonly usedIds = new Set<string>();

  constructor(
    private readonly org: SimulatedOrg,
    private readonly rng: Rng,
  ) {
    const domain = org.shape.orgDomain;
    this.subdomain = domain.split('.')[0] || 'acme';
    this.teamId = `T0${hashString(domain).toString(36).toUpperCase().padStart(7, '0')}`;
    const members = org.people.filter((p) => p.slackId !== null);
    this.general = this.channel('general', 'public', members.length);
    const byDepartment = new Map<string, number>();
    for (const p of members) byDepartment.set(p.department, (byDepartment.get(p.department) ?? 0) + 1);
    for (const [department, size] of byDepartment) {
      const name = `dept-${department.toLowerCase().replace(/[^a-z]+/g, '-')}`;
      this.departments.set(department, this.channel(name, 'public', size));
    }
    let leaders = 0;
    for (const p of members) {
      const reports = org.reportsOf(p.index, 0);
      if (reports.length === 0) continue;
      leaders++;
      const name = `team-${p.team.toLowerCase().replace(/[^a-z]+/g, '-')}-${p.index}`;
      this.teams.set(p.index, this.channel(name, rng.chance(0.3) ? 'private' : 'public', reports.length + 1));
    }
    this.leads = this.channel('leads', 'private', leaders);
  }

  /** The channel of a department. */
  department(name: string): SlackChannel | undefined {
    return this.departments.get(name);
  }

  /** The channel of the team run by `manager` (as of the start of the period). */
  team(manager: number): SlackChannel | undefined {
    return this.teams.get(manager);
  }

  /** The DM between two people. */
  dm(a: number, b: number): SlackChannel {
    return { id: this.derivedId('D', [a, b]), name: 'dm', type: 'im', size: 2 };
  }

  /** The group DM of several people. */
  mpim(members: readonly number[]): SlackChannel {
    return { id: this.derivedId('G', members), name: 'mpdm', type: 'mpim', size: members.length };
  }

  private derivedId(prefix: string, members: readonly number[]): string {
    const key = members
      .map((m) => this.org.people[m]!.slackId ?? '')
      .sort()
      .join(':');
    return `${prefix}0${hashString(`${prefix}:${key}`).toString(36).toUpperCase().padStart(7, '0')}`;
  }

  private channel(name: string, type: 'public' | 'private', size: number): SlackChannel {
    let id = '';
    do {
      id = 'C0';
      for (let k = 0; k < 9; k++) id += BASE36.charAt(this.rng.int(0, 35));
    } while (this.usedIds.has(id));
    this.usedIds.add(id);
    return { id, name, type, size };
  }
}
