import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { isBroadcastEdge, type LabeledEvent } from '@pushpull/core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const FACT_DDL = `CREATE TABLE bench_copy_fact (
  event_id text PRIMARY KEY, occurred_at timestamptz NOT NULL, source text NOT NULL, type text,
  actor_person_id text, mode text NOT NULL, initiative text, confidence double precision NOT NULL,
  reasons jsonb NOT NULL, classifier_version text NOT NULL, url text)`;
const EDGE_DDL = `CREATE TABLE bench_copy_edge (
  event_id text NOT NULL, edge_index int NOT NULL, target_person_id text, direction text NOT NULL,
  distance int, broadcast boolean NOT NULL, audience_size int, PRIMARY KEY (event_id, edge_index))`;

function csv(values: (string | number | boolean | null)[]): string {
  return values.map((v) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`)).join(',');
}

/** The fact and edge rows the aggregator writes for these labels, as CSV for COPY. */
export function copyRows(labels: LabeledEvent[]): { facts: string; edges: string; rows: number } {
  const facts: string[] = [];
  const edges: string[] = [];
  for (const l of labels) {
    facts.push(
      csv([
        l.id,
        l.occurredAt ?? null,
        l.source ?? 'x',
        l.type ?? null,
        l.actor.personId,
        l.mode,
        l.initiative,
        l.confidence,
        JSON.stringify(l.reasons),
        l.classifierVersion,
        l.url ?? null,
      ]),
    );
    l.edges.forEach((e, i) => {
      edges.push(
        isBroadcastEdge(e)
          ? csv([l.id, i, null, 'broadcast', null, true, e.audience.size ?? null])
          : csv([l.id, i, e.personId, e.direction, e.distance, false, null]),
      );
    });
  }
  return { facts: `${facts.join('\n')}\n`, edges: `${edges.join('\n')}\n`, rows: facts.length };
}

/** Seconds to COPY the rows into fresh tables of a Postgres database. */
export async function copyIntoPostgres(url: string, data: { facts: string; edges: string }): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_copy_fact, bench_copy_edge');
    await client.query(FACT_DDL);
    await client.query(EDGE_DDL);
    const t0 = performance.now();
    await client.query('BEGIN');
    await pipeline(
      Readable.from([data.facts]),
      client.query(copyFrom('COPY bench_copy_fact FROM STDIN (FORMAT csv)')),
    );
    await pipeline(
      Readable.from([data.edges]),
      client.query(copyFrom('COPY bench_copy_edge FROM STDIN (FORMAT csv)')),
    );
    await client.query('COMMIT');
    return (performance.now() - t0) / 1000;
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_copy_fact, bench_copy_edge').catch(() => undefined);
    await client.end();
  }
}

/** Seconds to COPY the rows into fresh tables of a new on-disk PGlite database. */
export async function copyIntoPglite(data: { facts: string; edges: string }): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-bench-pglite-'));
  const db = new PGlite(dir);
  try {
    await db.exec(FACT_DDL);
    await db.exec(EDGE_DDL);
    const t0 = performance.now();
    await db.transaction(async (tx) => {
      await tx.query("COPY bench_copy_fact FROM '/dev/blob' (FORMAT csv)", [], {
        blob: new Blob([data.facts]),
      });
      await tx.query("COPY bench_copy_edge FROM '/dev/blob' (FORMAT csv)", [], {
        blob: new Blob([data.edges]),
      });
    });
    return (performance.now() - t0) / 1000;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
