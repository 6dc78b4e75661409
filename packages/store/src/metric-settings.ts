import { PushpullError } from '@pushpull/core';
import type { Kysely } from 'kysely';
import { inTransaction } from './in-transaction';
import type { DB } from './schema';

/** The band directions of the balance profile. */
export type BandDirection = 'up' | 'down' | 'peer' | 'external';

const BAND_DIRECTIONS: readonly BandDirection[] = ['up', 'down', 'peer', 'external'];

/**
 * The metric settings the analytics views use (table `metric_setting`, seeded with the defaults of
 * @pushpull/metrics): the minimum volume of every ratio, the push-share band per direction, and the
 * widest 90% interval a corrected figure may have and still be a figure (`max_interval_width`).
 */
export interface MetricSettings {
  minVolume: number;
  bands: Record<BandDirection, [number, number]>;
  /** A figure whose interval is wider reads "not enough data" (default 0.3, DEFAULT_MAX_INTERVAL_WIDTH). */
  maxIntervalWidth: number;
}

/**
 * Reads the metric settings (what the analytics views compute with), so that reports agree with them.
 *
 * @example const { minVolume, bands, maxIntervalWidth } = await readMetricSettings(store.db); // 5, { up: [0.6, 0.9], … }, 0.3
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
  return { minVolume: get('min_volume'), bands, maxIntervalWidth: get('max_interval_width') };
}

/**
 * Changes some metric settings (the others keep their values), checked first: a minimum volume is an
 * integer ≥ 1, a band two shares 0 ≤ low ≤ high ≤ 1, a maximum interval width a share 0 < w ≤ 1.
 * Throws PushpullError `SETTINGS_INVALID`.
 *
 * @example await writeMetricSettings(store.db, { minVolume: 10, bands: { down: [0.25, 0.55] }, maxIntervalWidth: 0.25 });
 */
export async function writeMetricSettings(
  db: Kysely<DB>,
  settings: {
    minVolume?: number;
    bands?: Partial<Record<BandDirection, readonly [number, number]>>;
    maxIntervalWidth?: number;
  },
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
  if (settings.maxIntervalWidth !== undefined) {
    const width = settings.maxIntervalWidth;
    if (!(width > 0 && width <= 1)) {
      throw new PushpullError(
        'SETTINGS_INVALID',
        `maximum interval width must be a share 0 < width ≤ 1, got ${width}`,
        {},
      );
    }
    rows.push({ key: 'max_interval_width', value: width });
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
