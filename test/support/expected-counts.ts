import type { ActivityEvent } from '@pushpull/core';
import type { OrgRow } from '@pushpull/org';
import type { Simulation } from '@pushpull/simulator';

/** Counts of one person in one direction, as the store reports them. */
export interface Counts {
  push: number;
  pull: number;
  neutral: number;
  proactivePush: number;
  responsivePush: number;
}

/** Above this audience size (or number of targets) an event is one broadcast edge (PRODUCT.md). */
export const BROADCAST_THRESHOLD = 10;

/**
 * What the store must hold for a simulation, computed from the simulator's ground truth alone (its
 * modes, initiatives and by-construction directions), independent of the classifier and org code:
 * per actor person × direction, an event counted once per distinct direction of its edges, a
 * broadcast under 'broadcast', an event without edges under 'none'.
 */
export function expectedCounts(
  sim: Pick<Simulation, 'org' | 'events' | 'truth'>,
): Map<string, Record<string, Counts>> {
  const byKey = personKeys(sim.org);
  const out = new Map<string, Record<string, Counts>>();
  for (const event of sim.events) {
    const truth = sim.truth.events[event.id];
    if (!truth) throw new Error(`no truth for ${event.id}`);
    const actor = resolveActor(event, byKey);
    if (!actor) continue;
    const broadcast =
      (event.audience?.size ?? 0) >= BROADCAST_THRESHOLD || event.targets.length > BROADCAST_THRESHOLD;
    const directions = broadcast
      ? ['broadcast']
      : truth.edges.length === 0
        ? ['none']
        : [...new Set(truth.edges.map((e) => e.direction))];
    addCounts(out, actor, directions, truth.mode, truth.initiative);
  }
  return out;
}

/** Adds one event of `mode`/`initiative` to a person's counts in each of `directions`. */
export function addCounts(
  into: Map<string, Record<string, Counts>>,
  person: string,
  directions: string[],
  mode: string,
  initiative: string | null,
): void {
  const dirs = into.get(person) ?? {};
  for (const d of directions) {
    const c = dirs[d] ?? { push: 0, pull: 0, neutral: 0, proactivePush: 0, responsivePush: 0 };
    if (mode === 'push' || mode === 'pull' || mode === 'neutral') c[mode]++;
    if (mode === 'push' && initiative === 'responsive') c.responsivePush++;
    else if (mode === 'push') c.proactivePush++;
    dirs[d] = c;
  }
  into.set(person, dirs);
}

function personKeys(org: OrgRow[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const row of org) {
    const id = `p:${row.email.toLowerCase()}`;
    keys.set(`email:${row.email.toLowerCase()}`, id);
    if (row.githubLogin) keys.set(`gh:${row.githubLogin.toLowerCase()}`, id);
    if (row.slackId) keys.set(`slack:${row.slackId}`, id);
  }
  return keys;
}

function resolveActor(event: ActivityEvent, keys: Map<string, string>): string | null {
  const a = event.actor;
  return (
    (a.email && keys.get(`email:${a.email.toLowerCase()}`)) ||
    (a.githubLogin && keys.get(`gh:${a.githubLogin.toLowerCase()}`)) ||
    (a.slackId && keys.get(`slack:${a.slackId}`)) ||
    null
  );
}

/** Sorted, comparable lines `person direction push/pull/neutral/proactive/responsive`. */
export function countLines(counts: Map<string, Record<string, Counts>>): string[] {
  const lines: string[] = [];
  for (const [person, dirs] of counts) {
    for (const [d, c] of Object.entries(dirs)) {
      if (c.push + c.pull + c.neutral === 0) continue;
      lines.push(`${person} ${d} ${c.push}/${c.pull}/${c.neutral}/${c.proactivePush}/${c.responsivePush}`);
    }
  }
  return lines.sort();
}
