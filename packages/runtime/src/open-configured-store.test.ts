import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLASSIFIER_VERSION, corpusSourceOf, publishedConfusion } from '@pushpull/classifier';
import { SOURCES } from '@pushpull/core';
import { isRated, labelCorrection, pushShareEstimate } from '@pushpull/metrics';
import { installationKey, pseudonymOf, readCorrectionVersion, readLabelCorrections } from '@pushpull/store';
import { afterAll, describe, expect, it } from 'vitest';
import { classifierCorrections } from './classifier-corrections';
import { openConfiguredStore } from './open-configured-store';
import { seedLabelCorrections } from './seed-label-corrections';

describe('openConfiguredStore: the classifier corrections in the store', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pushpull-runtime-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the corrections of every event source from its corpus source, once per process', () => {
    const built = classifierCorrections();
    expect(built.version).toBe(CLASSIFIER_VERSION);
    expect(built.identity).toEqual([]);
    expect(Object.keys(built.corrections).sort()).toEqual([...SOURCES].sort());
    for (const source of SOURCES) {
      const published = publishedConfusion().sources[corpusSourceOf(source)];
      expect(built.corrections[source]?.mode, source).toEqual(labelCorrection(published.mode));
      expect(built.corrections[source]?.initiative, source).toEqual(labelCorrection(published.initiative));
    }
    expect(classifierCorrections()).toBe(built);
  });

  it('stores them on open, idempotently, and the analytics views correct with them', async () => {
    const store = await openConfiguredStore({ dataDir: dir });
    try {
      expect(await readCorrectionVersion(store.db)).toBe(CLASSIFIER_VERSION);
      const { corrections } = classifierCorrections();
      expect(await readLabelCorrections(store.db)).toEqual(corrections);
      expect(await seedLabelCorrections(store.db)).toMatchObject({ written: 0, removed: 0 });

      // 240 pushes, 100 pulls and 60 neutrals up on Slack: the view's corrected share is the TypeScript one.
      const rows = [
        ['push', 'proactive', 160],
        ['push', 'responsive', 80],
        ['pull', '', 100],
        ['neutral', '', 60],
      ] as const;
      await store.db
        .insertInto('rollup_daily')
        .values(
          rows.map(([mode, initiative, events]) => ({
            person_id: 'p:ada@acme.io',
            day: '2026-07-07',
            direction: 'up',
            mode,
            initiative,
            source: 'slack',
            events,
          })),
        )
        .execute();
      const view = await store.db
        .selectFrom('analytics.balance')
        .select(['push_share', 'push_share_corrected', 'push_share_low', 'push_share_high'])
        .where('person_id', '=', pseudonymOf(await installationKey(store.db), 'p:ada@acme.io'))
        .where('period_kind', '=', 'quarter')
        .execute();
      const e = pushShareEstimate(
        { slack: { up: { push: 240, pull: 100, neutral: 60, proactivePush: 160, responsivePush: 80 } } },
        'up',
        corrections,
      );
      expect(isRated(e, { minVolume: 5, maxIntervalWidth: 0.3 })).toBe(true); // 0.66–0.82
      expect(view[0]?.push_share).toBeCloseTo(240 / 340, 12); // as labelled
      expect(view[0]?.push_share_corrected).toBeCloseTo(e.corrected as number, 9); // 0.74
      expect(view[0]?.push_share_low).toBeCloseTo(e.low as number, 9);
      expect(view[0]?.push_share_high).toBeCloseTo(e.high as number, 9);
      expect(e.corrected).not.toBeCloseTo(240 / 340, 2); // the correction moves the figure
    } finally {
      await store.close();
    }
    // A second process start finds them in place.
    const again = await openConfiguredStore({ dataDir: dir });
    try {
      expect(await seedLabelCorrections(again.db)).toMatchObject({ version: CLASSIFIER_VERSION, written: 0 });
    } finally {
      await again.close();
    }
  });
});
