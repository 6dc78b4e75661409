import { ACCOUNT_KINDS, type AccountKind, OrgChart } from '@pushpull/org';
import { loadIdentityLinks, loadOrgRows, readOrgVersion, type Store } from '@pushpull/store';

/** An org chart as loaded from the store, with the org version it was loaded at. */
export interface LoadedOrgChart {
  chart: OrgChart;
  /** `readOrgVersion` before the rows were read: a later change makes the two differ. */
  version: string | null;
}

/**
 * The org chart as the store holds it — every history row, and the identity links (manual overrides,
 * directory ids) as overrides — the one way every service and command loads it. The version is read
 * first, so a change committed while loading shows as a newer version rather than being missed.
 *
 * @example const { chart, version } = await loadOrgChart(store, { orgDomains: config.orgDomains });
 */
export async function loadOrgChart(
  store: Pick<Store, 'db'>,
  options: { orgDomains?: readonly string[] } = {},
): Promise<LoadedOrgChart> {
  const version = await readOrgVersion(store.db);
  const [rows, links] = await Promise.all([loadOrgRows(store.db), loadIdentityLinks(store.db)]);
  const chart = OrgChart.fromRows(rows, {
    orgDomains: [...(options.orgDomains ?? [])],
    overrides: links.flatMap((a) =>
      (ACCOUNT_KINDS as readonly string[]).includes(a.kind) ? [{ ...a, kind: a.kind as AccountKind }] : [],
    ),
  });
  return { chart, version };
}
