import type { ActivityEvent } from '@pushpull/core';
import type { Label, Party } from './conversation';
import type { Phrasebook } from './phrasebook';
import type { Rng } from './rng';
import type { SimulatedOrg } from './simulated-org';
import type { SlackWorkspace } from './slack-workspace';
import type { SimulatedEvent, TruthEdge } from './truth';

/**
 * What every conversation of one simulation shares: the org, the generator, the Slack workspace,
 * id counters, the current day, and the list the day's events are collected in.
 *
 * @example ctx.emit(event, author, [report], PULL); // records the event with its truth edges
 */
export class SimulationContext {
  /** Events of the day being simulated. */
  out: SimulatedEvent[] = [];
  /** The org chart version of the day being simulated. */
  epoch = 0;
  private seq = 0;
  private readonly numbers = new Map<string, number>();

  constructor(
    readonly org: SimulatedOrg,
    readonly rng: Rng,
    readonly book: Phrasebook,
    readonly slack: SlackWorkspace,
    /** The GitHub organisation (first label of the org domain). */
    readonly githubOrg: string,
  ) {}

  /** A counter unique within the simulation, for native ids. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** The next issue / pull request number of a repository. */
  nextNumber(repo: string): number {
    const next = (this.numbers.get(repo) ?? 100 + this.rng.int(0, 400)) + 1;
    this.numbers.set(repo, next);
    return next;
  }

  /** Records an event and its ground truth; edges follow `parties` (= the event's targets) in order. */
  emit(event: ActivityEvent, author: number, parties: readonly Party[], label: Label, broadcast = false): void {
    const edges: TruthEdge[] = parties.map((party) => {
      if (party < 0) {
        const external = this.org.externals[-party - 1]!;
        return { personId: external.personId, direction: 'external', distance: null };
      }
      const { direction, distance } = this.org.relation(author, party, this.epoch);
      return { personId: this.org.people[party]!.personId, direction, distance };
    });
    const truth = broadcast
      ? { mode: label.mode, initiative: label.initiative, edges, broadcast: true as const }
      : { mode: label.mode, initiative: label.initiative, edges };
    this.out.push({ event, truth });
  }
}

/** An ISO-8601 UTC timestamp without milliseconds. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** A short base-36 id part, zero-padded. */
export function base36(value: number, width: number): string {
  return value.toString(36).toUpperCase().padStart(width, '0');
}
