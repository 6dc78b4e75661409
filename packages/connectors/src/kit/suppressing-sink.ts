import type { SuppressionFilter } from '@pushpull/core';
import type { OrgSnapshot, OrgSnapshotSink } from './connector';
import type { EventSink } from './event-sink';

/** An EventSink that drops suppressed events, and counts them. */
export interface SuppressingSink extends EventSink {
  /** Events dropped so far because they involve an erased person. */
  readonly dropped: number;
}

/**
 * Drops, before they reach `inner` (the raw topic or a file), the events whose actor or a target
 * carries an account of an erased person (`suppression`, docs/security.md). Only the count is kept: no
 * address, no event. `close()` closes `inner`.
 *
 * @example const sink = suppressingSink(busSink(bus, raw), await loadSuppressionFilter(store.db));
 */
export function suppressingSink(inner: EventSink, filter: SuppressionFilter): SuppressingSink {
  let dropped = 0;
  return {
    get dropped() {
      return dropped;
    },
    async write(events) {
      const page = filter.partition(events);
      dropped += page.dropped;
      await inner.write(page.kept);
    },
    close: () => inner.close(),
  };
}

/**
 * The manager a row should name once erased people are gone: an erased manager is replaced by their
 * own manager in the same snapshot (as `erasePerson` re-points reports), up the chain; none when the
 * chain ends at an erased person the snapshot does not place.
 */
function managerAfterErasure(
  managerEmail: string | null,
  erasedManagers: ReadonlyMap<string, string | null>,
  erased: (email: string | null) => boolean,
): string | null {
  let manager = managerEmail;
  for (let hops = 0; manager !== null && erased(manager); hops++) {
    if (hops > erasedManagers.size) return null;
    manager = erasedManagers.get(manager.trim().toLowerCase()) ?? null;
  }
  return manager;
}

/**
 * Org chart rows without erased people (`suppression`): their rows are dropped (matched by address,
 * GitHub login, Slack id or Graph id), and a row whose manager was erased names the erased person's
 * own manager instead (up the chain), or none — as `erasePerson` re-points reports. For connector
 * snapshots and `pushpull org import`.
 *
 * @example const { rows, dropped } = withoutErasedPeople(parseOrgCsv(text), filter);
 */
export function withoutErasedPeople<R extends OrgSnapshot['rows'][number]>(
  rows: readonly R[],
  filter: SuppressionFilter,
): { rows: R[]; dropped: number } {
  if (filter.size === 0) return { rows: [...rows], dropped: 0 };
  const erased = (email: string | null) => email !== null && filter.matches({ email });
  const gone = (r: R) =>
    erased(r.email) ||
    ('graphId' in r && typeof r.graphId === 'string' && filter.matches({ graphId: r.graphId })) ||
    ('githubLogin' in r &&
      typeof r.githubLogin === 'string' &&
      filter.matches({ githubLogin: r.githubLogin })) ||
    ('slackId' in r && typeof r.slackId === 'string' && filter.matches({ slackId: r.slackId }));
  const erasedManagers = new Map<string, string | null>();
  for (const r of rows) {
    if (gone(r)) erasedManagers.set(r.email.trim().toLowerCase(), r.managerEmail);
  }
  const erasedManager = (email: string | null) =>
    email !== null && (erased(email) || erasedManagers.has(email.trim().toLowerCase()));
  const kept = rows
    .filter((r) => !gone(r))
    .map((r) =>
      erasedManager(r.managerEmail)
        ? { ...r, managerEmail: managerAfterErasure(r.managerEmail, erasedManagers, erasedManager) }
        : r,
    );
  return { rows: kept, dropped: rows.length - kept.length };
}

/**
 * An OrgSnapshotSink that keeps erased people out of the org chart ({@link withoutErasedPeople}). The
 * result counts the rows dropped as `suppressed`.
 *
 * @example runSync({ …, orgSink: suppressingOrgSink(storeOrgSnapshotSink(db), filter) })
 */
export function suppressingOrgSink(inner: OrgSnapshotSink, filter: SuppressionFilter): OrgSnapshotSink {
  return {
    async write(snapshot: OrgSnapshot) {
      if (filter.size === 0) return inner.write(snapshot);
      const { rows, dropped } = withoutErasedPeople<OrgSnapshot['rows'][number]>(snapshot.rows, filter);
      const counts = await inner.write({ ...snapshot, rows } as OrgSnapshot);
      return dropped > 0 ? { ...counts, suppressed: dropped } : counts;
    },
  };
}
