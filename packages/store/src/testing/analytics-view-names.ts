/**
 * The views of the `analytics` schema an analyst reads (docs/analytics.md), by name: what the tests
 * expect to find there, no more and no fewer.
 *
 * @example expect(viewNames).toEqual([...ANALYTICS_VIEW_NAMES]);
 */
export const ANALYTICS_VIEW_NAMES = [
  'balance',
  'balance_by_source',
  'leader_profile',
  'manager_pulls',
  'person',
  'setting',
] as const;
