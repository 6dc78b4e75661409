import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOrgCsv } from '@pushpull/org';
import { simulateOrganisation } from '@pushpull/simulator';
import { openStore } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './testing/run-cli-in-process';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-ingest-'));
const env = { PUSHPULL_DATA_DIR: join(dir, 'data') };
const sim = simulateOrganisation({ seed: 11, people: 12, days: 10, start: '2026-07-06' });
const lines = sim.events.map((e) => JSON.stringify(e));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stored facts: their count, and the occurredAt of one event. */
async function stored(eventId: string) {
  const store = await openStore({ dataDir: env.PUSHPULL_DATA_DIR });
  try {
    const facts = await store.db
      .selectFrom('labeled_fact')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const one = await store.db
      .selectFrom('labeled_fact')
      .select('occurred_at')
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return { facts: Number(facts.n), occurredAt: one ? new Date(one.occurred_at).toISOString() : null };
  } finally {
    await store.close();
  }
}

describe('pushpull ingest: bad input stays on its line (embedded bus, PGlite)', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    expect(lines.length).toBeGreaterThanOrEqual(210);
    writeFileSync(join(dir, 'org.csv'), formatOrgCsv(sim.org));
    expect((await runCliInProcess(['org', 'import', join(dir, 'org.csv')], env)).code).toBe(0);
  });

  it('stores the 200 good events around a 10,000-deep line and names the bad line', async () => {
    const deep = JSON.stringify({ ...sim.events[100], attributes: { x: '@' } }).replace(
      '"@"',
      `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    );
    const file = join(dir, 'deep.jsonl');
    writeFileSync(file, `${[...lines.slice(0, 100), deep, ...lines.slice(101, 201)].join('\n')}\n`);
    const r = await runCliInProcess(['ingest', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `pushpull ingest: ${file}: line 101: nested 10002 levels deep, over the limit of 64 [JSON_TOO_DEEP]`,
    );
    expect(r.stderr).not.toMatch(/Maximum call stack/);
    expect(r.stderr).toContain(
      `pushpull ingest: ${file}: 200 events published, classified and aggregated; 1 line rejected (line 101: 1 JSON_TOO_DEEP); 200 facts stored`,
    );
    expect((await stored(sim.events[0]!.id)).facts).toBe(200);
  });

  it('counts an id re-used with different content, keeps the first, and says where', async () => {
    const first = sim.events[201]!;
    const changed = JSON.stringify({ ...first, occurredAt: '2026-07-20T09:00:00Z' });
    const file = join(dir, 'reused.jsonl');
    // lines: 1 = first, 2 = 202nd event, 3 = exact repeat of line 1, 4 = same id other content, 5 = too big
    const big = JSON.stringify({ ...sim.events[203], text: 'x'.repeat(1_100_000) });
    writeFileSync(file, [lines[201], lines[202], lines[201], changed, big].join('\n'));
    const r = await runCliInProcess(['ingest', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `line 4: id ${JSON.stringify(first.id)} was used on line 1 by an event with different content; the first is kept; sent to pushpull.activity.raw.v1.dlq [EVENT_ID_CONFLICT]`,
    );
    expect(r.stderr).toMatch(/line 5: \d+ bytes, over the limit of 1048576 bytes \[JSON_TOO_LARGE\]/);
    expect(r.stderr).toContain(
      'pushpull ingest: 1 event re-uses an earlier id with different content: line 4 (id of line 1); the first of each was kept, the others sent to pushpull.activity.raw.v1.dlq',
    );
    expect(r.stderr).toContain(
      `${file}: 3 events published (1 repeat an earlier line exactly: stored once), classified and aggregated; 2 lines rejected (lines 4, 5: 1 EVENT_ID_CONFLICT, 1 JSON_TOO_LARGE); 202 facts stored`,
    );
    const after = await stored(first.id);
    expect(after.facts).toBe(202);
    expect(after.occurredAt).toBe(new Date(first.occurredAt).toISOString());
  });

  it('--from-line skips the first N-1 lines; events sent again are stored once', async () => {
    const file = join(dir, 'again.jsonl');
    // lines 1-5: events already stored by the first test; 6-8: new ones
    writeFileSync(file, [...lines.slice(0, 5), ...lines.slice(210, 213)].join('\n'));
    const r = await runCliInProcess(['ingest', file, '--from-line', '3', '--retry-for', '10'], env);
    expect(r.stderr).toContain(
      `${file}: 6 events published from line 3, classified and aggregated; 0 lines rejected; 205 facts stored`,
    );
    expect(r.code).toBe(0);
    expect((await stored(sim.events[0]!.id)).facts).toBe(205);
  });

  it('refuses a JSON array file with one error and publishes nothing', async () => {
    const file = join(dir, 'events.json');
    writeFileSync(file, JSON.stringify(sim.events.slice(204, 210), null, 2));
    const r = await runCliInProcess(['ingest', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `pushpull ingest: ${file}: line 1: expected JSON Lines (one event per line), but it starts with \`[\`, a JSON array; convert it with jq -c '.[]' FILE > FILE.jsonl [INPUT_NOT_JSONL]`,
    );
    expect((await stored(sim.events[0]!.id)).facts).toBe(205);
  });
});
