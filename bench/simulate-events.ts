import type { ActivityEvent } from '@pushpull/core';
import type { OrgRow } from '@pushpull/org';
import { simulateOrganisation } from '@pushpull/simulator';

/**
 * The first `n` events of a simulated organisation of 600 people (seed 2026, from 2026-01-05), with
 * its org chart: the simulation is made longer until it has at least `n` events.
 *
 * @example const { org, events } = simulateEvents(200_000);
 */
export function simulateEvents(n: number): { org: OrgRow[]; events: ActivityEvent[] } {
  const people = 600;
  let days = Math.max(7, Math.ceil(n / (people * 6)));
  for (;;) {
    const sim = simulateOrganisation({ seed: 2026, people, days, start: '2026-01-05' });
    if (sim.events.length >= n) return { org: sim.org, events: sim.events.slice(0, n) };
    days = Math.ceil(days * 1.3 * (n / Math.max(1, sim.events.length)));
  }
}
