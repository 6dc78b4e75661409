import type { FigureKey } from './leader-figures';

/** The band directions of the metric settings. */
type Bands = Record<'up' | 'down' | 'peer' | 'external', readonly [number, number]>;

/** One metric of the org overview's distributions: its name and its target band, if it has one. */
export interface OverviewMetric {
  key: FigureKey;
  label: string;
  /** The target band of the metric under the settings' bands; null when PRODUCT.md sets none. */
  band: (bands: Bands) => [number, number] | null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
/** The band of a pull share: the complement of the push-share band. */
const pullBand = ([low, high]: readonly [number, number]): [number, number] => [
  round(1 - high),
  round(1 - low),
];

/**
 * The metrics whose distribution across leaders the overview shows, in display order (PRODUCT.md:
 * upward proactivity, downward and external pull share, push share per direction).
 *
 * @example OVERVIEW_METRICS.find((m) => m.key === 'downwardPullShare')?.band(settings.bands) // [0.4, 0.7]
 */
export const OVERVIEW_METRICS: readonly OverviewMetric[] = [
  { key: 'downwardPullShare', label: 'downward pull share', band: (b) => pullBand(b.down) },
  { key: 'upwardProactivity', label: 'upward proactivity', band: () => null },
  { key: 'externalPullShare', label: 'external pull share', band: (b) => pullBand(b.external) },
  { key: 'pushShareUp', label: 'push share up', band: (b) => [b.up[0], b.up[1]] },
  { key: 'pushShareDown', label: 'push share down', band: (b) => [b.down[0], b.down[1]] },
  { key: 'pushSharePeer', label: 'push share to peers', band: (b) => [b.peer[0], b.peer[1]] },
  { key: 'pushShareExternal', label: 'push share external', band: (b) => [b.external[0], b.external[1]] },
];
