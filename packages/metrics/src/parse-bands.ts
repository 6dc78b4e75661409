import { PushpullError } from '@pushpull/core';
import { type BandRange, type Bands, DEFAULT_BANDS } from './band';

const BAND_DIRECTIONS = ['up', 'down', 'peer', 'external'] as const;

/**
 * Target bands with every direction filled in (missing ones from DEFAULT_BANDS) and checked: each
 * bound a number in [0, 1] and low ≤ high. Throws PushpullError `BANDS_INVALID` naming the direction.
 *
 * @example resolveBands({ down: [0.2, 0.5] }).down // [0.2, 0.5]; .up is DEFAULT_BANDS.up
 */
export function resolveBands(bands: Partial<Bands> = {}): Bands {
  const out = { ...DEFAULT_BANDS } as Bands;
  for (const direction of BAND_DIRECTIONS) {
    const range = bands[direction];
    if (range === undefined) continue;
    const [low, high] = range;
    const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
    if (range.length !== 2 || !ok(low) || !ok(high) || low > high) {
      throw new PushpullError(
        'BANDS_INVALID',
        `band ${direction}: needs two push shares low ≤ high within 0…1, got ${JSON.stringify(range)}`,
        { direction },
      );
    }
    out[direction] = [low, high] as BandRange;
  }
  return out;
}

/**
 * Parses band targets written as `direction=low-high` pairs separated by commas (e.g. the value of a
 * setting): `up=0.6-0.9,down=0.3-0.6`. Directions left out keep their defaults. Throws PushpullError
 * `BANDS_INVALID` naming the offending part.
 *
 * @example parseBands('down=0.2-0.5, external=0.25-0.55').down // [0.2, 0.5]
 */
export function parseBands(text: string): Bands {
  const bands: Partial<Bands> = {};
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const match = /^(up|down|peer|external)\s*=\s*([0-9.]+)\s*-\s*([0-9.]+)$/.exec(part);
    if (!match) {
      throw new PushpullError(
        'BANDS_INVALID',
        `bands: "${part}" is not direction=low-high (direction up, down, peer or external; e.g. down=0.3-0.6)`,
        { part },
      );
    }
    const direction = match[1] as (typeof BAND_DIRECTIONS)[number];
    bands[direction] = [Number(match[2]), Number(match[3])];
  }
  return resolveBands(bands);
}
