import { PushpullError } from '@pushpull/core';
import type { Kysely } from 'kysely';
import { inTransaction } from './in-transaction';
import type { DB } from './schema';

/** The band directions of the balance profile. */
export type BandDirection = 'up' | 'down' | 'peer' | 'external';

const BAND_DIRECTIONS: readonly BandDirection[] = ['up', 'down', 'peer', 'external'];

/**
 * The metric settings the analytics views use (table `metric_setting`, seeded with the defaults of
 * @pushpull/metrics): the minimum volume of every ratio and the push-share band per direction.
 */
export interface MetricSettings {
  minVolume: number;
  bands: Record<BandDirection, [number, number]>;
}

/**
 * Reads the metric settings (what the analytics views compute with), so that reports agree with them.
 *
 * @example const { minVolume, bands } = await readMetricSettings(store.db); // 5, { up: [0.6, 0.9], … }
 */
export async function readMetricSettings(db: Kysely<DB>): Promise<MetricSettings> {
  const rows = await db.selectFrom('metric_setting').select(['key', 'value']).execute();
  const value = new Map(rows.map((r) => [r.key, Number(r.value)]));
  const get = (key: string) => {
    const v = value.get(key);
    if (v === undefined || !Number.isFinite(v)) {
      throw new PushpullError('STORE_INCONSISTENT', `metric_setting has no value for ${key}`, { key });
    }
    return v;
  };
  const bands = {} as MetricSettings['bands'];
  for (const d of BAND_DIRECTIONS) bands[d] = [get(`band_${d}_low`), get(`band_${d}_high`)];
  return { minVolume: get('min_volume'), bands };
}

/**
 * Changes some metric settings (the others keep their values), checked first: a minimum volume is an
 * integer ≥ 1, a band two shares 0 ≤ low ≤ high ≤ 1. Throws PushpullError `SETTINGS_INVALID`.
 *
 * @example await writeMetricSettings(store.db, { minVolume: 10, bands: { down: [0.25, 0.55] } });
 */
export async function writeMetricSettings(
  db: Kysely<DB>,
  settings: { minVolume?: number; bands?: Partial<Record<BandDirection, readonly [number, number]>> },
): Promise<void> {
  const rows: { key: string; value: number }[] = [];
  if (settings.minVolume !== undefined) {
    if (!Number.isInteger(settings.minVolume) || settings.minVolume < 1) {
      throw new PushpullError(
        'SETTINGS_INVALID',
        `minimum volume must be an integer ≥ 1, got ${settings.minVolume}`,
        {},
      );
    }
    rows.push({ key: 'min_volume', value: settings.minVolume });
  }
  for (const d of BAND_DIRECTIONS) {
    const band = settings.bands?.[d];
    if (!band) continue;
    const [low, high] = band;
    if (!(low >= 0 && high <= 1 && low <= high)) {
      throw new PushpullError(
        'SETTINGS_INVALID',
        `band ${d} must be 0 ≤ low ≤ high ≤ 1, got ${low}–${high}`,
        {
          direction: d,
        },
      );
    }
    rows.push({ key: `band_${d}_low`, value: low }, { key: `band_${d}_high`, value: high });
  }
  if (rows.length === 0) return;
  await inTransaction(db, async (tx) => {
    await tx
      .insertInto('metric_setting')
      .values(rows)
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
      .execute();
  });
}
