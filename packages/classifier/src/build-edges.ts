import {
  type ActivityEvent,
  type BroadcastEdge,
  DIRECTIONS,
  type Direction,
  type Edge,
} from '@pushpull/core';
import type { OrgChart } from '@pushpull/org';
import { identityKey } from './identity-key';

/** Audience size (or target count above it) from which an event is one broadcast. */
export const DEFAULT_BROADCAST_THRESHOLD = 10;

export interface BuildEdgesOptions {
  org: OrgChart;
  /** The actor's person id, null when unresolved. */
  actorPersonId: string | null;
  /** `identityKey` of the actor, to recognise self-targets. */
  actorKey: string;
  /** Default {@link DEFAULT_BROADCAST_THRESHOLD}. */
  broadcastThreshold?: number;
}

/**
 * The edges of an event from its author's point of view (docs/contracts.md §3). Normally one edge per target
 * with `org.direction(actor, target, occurredAt)`, skipping targets that are the author. When the
 * audience has `broadcastThreshold` members or more, or the event has more than `broadcastThreshold`
 * targets, it is ONE broadcast edge instead: the event's audience (or `recipients` with the target
 * count) and a mix counting the directions of the targets that resolve to a person or are external;
 * unresolvable targets are not counted, so `mix.unknown` stays 0.
 *
 * @example buildEdges(event, { org, actorPersonId: 'p:ada@acme.com', actorKey: 'p:ada@acme.com' })
 */
export function buildEdges(event: ActivityEvent, options: BuildEdgesOptions): (Edge | BroadcastEdge)[] {
  const { org, actorPersonId, actorKey } = options;
  const threshold = options.broadcastThreshold ?? DEFAULT_BROADCAST_THRESHOLD;
  const at = new Date(event.occurredAt);
  const edges: Edge[] = [];
  for (const target of event.targets) {
    if (identityKey(target, org) === actorKey) continue;
    const d = org.direction(actorPersonId, target, at);
    edges.push({ target, personId: d.personId, direction: d.direction, distance: d.distance });
  }
  const audienceSize = event.audience?.size ?? null;
  const isBroadcast =
    (audienceSize !== null && audienceSize >= threshold) || event.targets.length > threshold;
  if (!isBroadcast) return edges;

  const mix = Object.fromEntries(DIRECTIONS.map((d) => [d, 0])) as Record<Direction, number>;
  for (const edge of edges) {
    if (edge.personId !== null || edge.direction === 'external') mix[edge.direction]++;
  }
  const audience = event.audience
    ? { kind: event.audience.kind, id: event.audience.id ?? null, size: audienceSize ?? event.targets.length }
    : { kind: 'recipients', id: null, size: event.targets.length };
  return [{ broadcast: true, audience, mix }];
}
