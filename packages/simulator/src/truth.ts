import type { ActivityEvent, Direction, Initiative, Mode } from '@pushpull/core';
import type { Archetype } from './archetype';

/**
 * One author → counterpart edge as the simulator built it: the direction follows the simulated org
 * chart as it stood on the event's day. Externals are not people of the org: their `personId` is null.
 */
export interface TruthEdge {
  personId: string | null;
  direction: Direction;
  distance: number | null;
}

/**
 * The ground-truth label of one simulated event. `edges` follow the event's targets one to one;
 * a broadcast (a post without targets to an audience of at least BROADCAST_MIN_AUDIENCE) has no
 * edges and `broadcast: true`.
 */
export interface TruthEvent {
  mode: Mode;
  initiative: Initiative | null;
  edges: TruthEdge[];
  broadcast?: true;
}

/**
 * The ground truth of a simulation (TRUTH.json of `pushpull simulate`): a label per event id and an
 * archetype per leader email.
 *
 * @example truth.events['slack:T1:message:C1:1700000000.000001'].mode // 'pull'
 */
export interface Truth {
  events: Record<string, TruthEvent>;
  leaders: Record<string, { archetype: Archetype }>;
}

/** Channels and audiences at least this large are broadcasts, never individual edges. */
export const BROADCAST_MIN_AUDIENCE = 25;

/**
 * The largest channel the simulator posts addressed (mention) messages in. Kept below any sensible
 * broadcast threshold (the classifier's default is 10), so addressed messages are never mistaken
 * for broadcasts; larger channels only carry broadcasts.
 */
export const ADDRESSED_CHANNEL_MAX = 9;

/** A simulated ActivityEvent together with its ground truth. */
export interface SimulatedEvent {
  event: ActivityEvent;
  truth: TruthEvent;
}
