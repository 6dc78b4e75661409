import { parseConfig } from '@pushpull/config';
import { toActivityMessage } from '@pushpull/core';
import { servePipeline } from '@pushpull/service-all-in-one';
import type { Simulation } from '@pushpull/simulator';
import { openStore, replaceOrgChart } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { testLogger } from './test-pipeline';

/** A scratch Postgres database holding an ingested simulation. */
export interface IngestedSimulation {
  /** Connection URL of the scratch database (the server's admin user). */
  url: string;
  drop(): Promise<void>;
}

/**
 * Ingests a simulated organisation into a fresh Postgres database through the real pipeline code —
 * org chart import, then the classifier and aggregator services on the embedded bus, as
 * `pushpull org import` + `pushpull ingest` do with `DATABASE_URL` set — and returns once every
 * event is stored.
 *
 * @example const db = await ingestSimulation(process.env.DATABASE_URL!, sim); … await db.drop();
 */
export async function ingestSimulation(baseUrl: string, sim: Simulation): Promise<IngestedSimulation> {
  const scratch = await createScratchDatabase(baseUrl);
  try {
    const config = parseConfig({ DATABASE_URL: scratch.url, PORT: '0' });
    const store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
    try {
      await replaceOrgChart(store.db, sim.org);
    } finally {
      await store.close();
    }
    const pipeline = await servePipeline({
      config,
      logger: testLogger(),
      services: ['classifier', 'aggregator'],
    });
    try {
      for (let i = 0; i < sim.events.length; i += 1000) {
        await pipeline.runtime.bus.publish(
          pipeline.runtime.names.raw,
          sim.events.slice(i, i + 1000).map(toActivityMessage),
        );
      }
      await pipeline.settled(600_000);
    } finally {
      await pipeline.stop();
    }
    return { url: scratch.url, drop: scratch.drop };
  } catch (err) {
    await scratch.drop().catch(() => {});
    throw err;
  }
}

/**
 * The first day of the calendar quarter before the one containing `now`, and its length in days.
 *
 * @example lastQuarter(new Date('2026-11-27T00:00:00Z')) // { start: '2026-07-01', days: 92 }
 */
export function lastQuarter(now: Date): { start: string; days: number } {
  const q = Math.floor(now.getUTCMonth() / 3);
  const start = Date.UTC(now.getUTCFullYear(), (q - 1) * 3, 1);
  const end = Date.UTC(now.getUTCFullYear(), q * 3, 1);
  return { start: new Date(start).toISOString().slice(0, 10), days: Math.round((end - start) / 86_400_000) };
}
