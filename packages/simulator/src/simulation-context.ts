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
 * @example ctx.emit(at, event, author, [report], PULL); // records the event with its truth edges
 */
export class SimulationContext {
  /** Events of the day being simulated, with their time in epoch milliseconds. */
  out: TimedEvent[] = [];
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

  /**
   * Records an event that happens at `at` (epoch ms, = its occurredAt) and its ground truth; edges follow
   * `parties` (= the event's targets) in order.
   */
  emit(
    at: number,
    event: ActivityEvent,
    author: number,
    parties: readonly Party[],
    label: Label,
    broadcast = false,
  ): void {
    const edges: TruthEdge[] = parties.map((party) => {
      if (party < 0) {
        return { personId: null, direction: 'external', distance: null };
      }
      const { direction, distance } = this.org.relation(author, party, this.epoch);
      return { personId: this.org.people[party]!.personId, direction, distance };
    });
    const truth = broadcast
      ? { mode: label.mode, initiative: label.initiative, edges, broadcast: true as const }
      : { mode: label.mode, initiative: label.initiative, edges };
    this.out.push({ at, item: { event, truth } });
  }
}

/** An event of the day being simulated and its time (epoch ms). */
export interface TimedEvent {
  at: number;
  item: SimulatedEvent;
}

let cachedDay = Number.NaN;
let cachedPrefix = '';

/** An ISO-8601 UTC timestamp without milliseconds (`2026-01-05T09:15:30Z`). */
export function isoSeconds(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const seconds = Math.floor((ms - day * 86_400_000) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${cachedPrefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}Z`;
}

/** A short base-36 id part, zero-padded. */
export function base36(value: number, width: number): string {
  return value.toString(36).toUpperCase().padStart(width, '0');
}
