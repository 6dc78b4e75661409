/** Where a push share stands against its target band. */
export type Band = 'in band' | 'too pushy' | 'too pully' | 'not enough data';

/** A target band of push share, `[low, high]`, both inclusive. */
export type BandRange = readonly [number, number];

/** Target push-share bands of the balance profile, per direction. */
export interface Bands {
  up: BandRange;
  down: BandRange;
  peer: BandRange;
  external: BandRange;
}

/**
 * The default balance profile (PRODUCT.md): push up a lot, ask down, balance with peers and clients.
 *
 * @example DEFAULT_BANDS.down // [0.3, 0.6]
 */
export const DEFAULT_BANDS: Readonly<Bands> = {
  up: [0.6, 0.9],
  down: [0.3, 0.6],
  peer: [0.4, 0.6],
  external: [0.3, 0.6],
};

/**
 * Names where a push share stands: above the band is "too pushy", below "too pully", on a bound is
 * "in band", and null (below minimum volume) is "not enough data".
 *
 * @example
 * band(0.95, DEFAULT_BANDS.up) // 'too pushy'
 * band(0.6, DEFAULT_BANDS.up)  // 'in band'
 * band(null, DEFAULT_BANDS.up) // 'not enough data'
 */
export function band(share: number | null, [low, high]: BandRange): Band {
  if (share === null || Number.isNaN(share)) return 'not enough data';
  if (share > high) return 'too pushy';
  if (share < low) return 'too pully';
  return 'in band';
}
