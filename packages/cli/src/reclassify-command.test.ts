import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLASSIFIER_VERSION } from '@pushpull/classifier';
import { type FactInput, openStore, replaceFacts } from '@pushpull/store';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './testing/run-cli-in-process';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-reclassify-'));
const events = join(dir, 'events.jsonl');
const orgCsv = join(dir, 'org.csv');
const data = (name: string) => ({ PUSHPULL_DATA_DIR: join(dir, name) });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rollup rows and fact versions of a data folder, as comparable lines. */
async function snapshot(name: string) {
  const store = await openStore({ dataDir: join(dir, name) });
  try {
    const rollups = (await store.db.selectFrom('rollup_daily').selectAll().execute())
      .map((r) => `${r.person_id} ${r.day} ${r.direction} ${r.mode} ${r.initiative} ${r.source} ${r.events}`)
      .sort();
    const versions = await store.db
      .selectFrom('labeled_fact')
      .select(['classifier_version', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('classifier_version')
      .execute();
    return { rollups, versions: versions.map((v) => `${v.classifier_version}:${Number(v.n)}`) };
  } finally {
    await store.close();
  }
}

describe('pushpull reclassify', { timeout: 300_000 }, () => {
  it('replaces an older classification without double counting, however often it runs', async () => {
    const sim = ['simulate', '--seed', '9', '--people', '14', '--days', '6', '--start', '2026-07-06'];
    expect(
      (
        await runCliInProcess(
          [...sim, '--out', events, '--org-out', orgCsv, '--truth', join(dir, 't.json')],
          {},
        )
      ).code,
    ).toBe(0);
    // A: a fresh ingest, the reference.
    expect((await runCliInProcess(['org', 'import', orgCsv], data('a'))).code).toBe(0);
    expect((await runCliInProcess(['ingest', events], data('a'))).code).toBe(0);
    const fresh = await snapshot('a');
    expect(fresh.rollups.length).toBeGreaterThan(50);
    const total = Number(fresh.versions[0]?.split(':')[1]);
    expect(fresh.versions).toEqual([`${CLASSIFIER_VERSION}:${total}`]);

    // An "older classifier" labeled 40 events differently (pushes as pulls and the other way round).
    const store = await openStore({ dataDir: join(dir, 'a') });
    try {
      const rows = await store.db
        .selectFrom('labeled_fact')
        .selectAll()
        .orderBy('event_id')
        .limit(40)
        .execute();
      const edges = await store.db
        .selectFrom('edge_fact')
        .selectAll()
        .where(
          'event_id',
          'in',
          rows.map((r) => r.event_id),
        )
        .execute();
      const old: FactInput[] = rows.map((r) => ({
        eventId: r.event_id,
        occurredAt: new Date(r.occurred_at).toISOString(),
        source: r.source,
        type: r.type,
        actorPersonId: r.actor_person_id,
        mode: r.mode === 'push' ? 'pull' : 'push',
        initiative: r.mode === 'push' ? null : 'proactive',
        confidence: 0.5,
        reasons: ['old-rule'],
        classifierVersion: '0.0.1',
        url: r.url,
        edges: edges
          .filter((e) => e.event_id === r.event_id)
          .map((e) => ({
            targetPersonId: e.target_person_id,
            direction: e.direction,
            distance: e.distance,
            broadcast: e.broadcast,
            audienceSize: e.audience_size,
          })),
      }));
      expect((await replaceFacts(store.db, old)).relabeled).toBe(40);
    } finally {
      await store.close();
    }
    const older = await snapshot('a');
    expect(older.rollups).not.toEqual(fresh.rollups);
    expect(older.versions.sort()).toEqual([`${CLASSIFIER_VERSION}:${total - 40}`, '0.0.1:40'].sort());

    const first = await runCliInProcess(['reclassify', '--input', events], data('a'));
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(
      `${total} events labeled with classifier ${CLASSIFIER_VERSION}: ${total} stored facts replaced (40 changed mode or initiative), 0 new`,
    );
    expect(await snapshot('a')).toEqual(fresh);
    const second = await runCliInProcess(['reclassify', '--input', events], data('a'));
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('(0 changed mode or initiative)');
    expect(await snapshot('a')).toEqual(fresh);
  });

  it('needs --input on the embedded bus, and reports bad lines with their number', async () => {
    const none = await runCliInProcess(['reclassify'], data('c'));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/the embedded bus keeps no events between runs: pass --input EVENTS\.jsonl/);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id": 1}\n');
    const r = await runCliInProcess(['reclassify', '--input', bad], data('c'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl: line 1: not an ActivityEvent/);
    expect((await runCliInProcess(['reclassify', '--help'], {})).stdout).toMatch(/--input <file>/);
  });
});
