import { Writable } from 'node:stream';
import { classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
import type { LabeledEvent } from '@pushpull/core';
import { OrgChart } from '@pushpull/org';
import { createLogger } from '@pushpull/runtime';
import { type Simulation, simulateOrganisation } from '@pushpull/simulator';
import { queryPersonCounts, recordLabeledBatch, replaceOrgChart, type Store, toFact } from '@pushpull/store';
import { countsFromLabels } from './counts-from-labels';
import { type Counts, countLines } from './expected-counts';

/**
 * The workload of a fault test: a simulated organisation of 120 people over 30 days (about 28,000
 * events), its org chart stored, and the labels the classifier gives its events in order — what the
 * pipeline must end up with however it is interrupted.
 *
 * @example const { sim, labels } = await faultWorkload(store, 23);
 */
export async function faultWorkload(
  store: Pick<Store, 'db'>,
  seed: number,
): Promise<{ sim: Simulation; labels: LabeledEvent[] }> {
  const sim = simulateOrganisation({ seed, people: 120, days: 30, start: '2026-06-01' });
  await replaceOrgChart(store.db, sim.org);
  const org = OrgChart.fromRows(sim.org, {});
  const memory = new InMemoryConversationMemory();
  return { sim, labels: sim.events.map((e) => classifyEvent(e, { org, memory })) };
}

/**
 * The stored per-person counts (from the rollups) and the counts the labels imply, as comparable
 * lines: equal when every event was stored exactly once.
 *
 * @example expect(stored).toEqual(expected)
 */
export async function storedAndExpectedCounts(
  store: Pick<Store, 'db'>,
  labels: LabeledEvent[],
): Promise<{ stored: string[]; expected: string[] }> {
  const rows = await queryPersonCounts(store.db, { from: '2000-01-01', to: '2100-01-01' });
  const actual = new Map<string, Record<string, Counts>>(rows.map((r) => [r.personId, r.counts]));
  return { stored: countLines(actual), expected: countLines(countsFromLabels(labels)) };
}

/** A logger whose JSON lines a test reads back (level, msg and fields). */
export function capturingLogger() {
  const lines: Array<{ level: number; msg: string; [field: string]: unknown }> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger('info', 'fault', sink) };
}

/**
 * Stores labels the way the aggregator does (facts and rollups through `recordLabeledBatch`), without a
 * bus: for a fault test of what reads the store.
 *
 * @example await storeLabels(store, labels);
 */
export async function storeLabels(store: Pick<Store, 'db'>, labels: LabeledEvent[]): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < labels.length; i += 2000) {
    await recordLabeledBatch(store.db, {
      groupId: 'fault-test',
      facts: labels.slice(i, i + 2000).map((l) => toFact(l, now)),
      offsets: [],
    });
  }
}
