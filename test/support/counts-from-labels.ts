import { isBroadcastEdge, type LabeledEvent } from '@pushpull/core';
import { addCounts, type Counts } from './expected-counts';

/**
 * The rollup the store must hold for a set of LabeledEvents, computed here independently of the
 * store: per actor × direction, once per distinct direction ('broadcast' for broadcast edges,
 * 'none' without edges); events without an actor are not counted. Duplicate ids count once.
 */
export function countsFromLabels(labels: LabeledEvent[]): Map<string, Record<string, Counts>> {
  const out = new Map<string, Record<string, Counts>>();
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l.id) || !l.actor.personId) continue;
    seen.add(l.id);
    const dirs =
      l.edges.length === 0
        ? ['none']
        : [...new Set(l.edges.map((e) => (isBroadcastEdge(e) ? 'broadcast' : e.direction)))];
    addCounts(out, l.actor.personId, dirs, l.mode, l.initiative);
  }
  return out;
}
