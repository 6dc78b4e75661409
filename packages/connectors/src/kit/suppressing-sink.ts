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
 * An OrgSnapshotSink that keeps erased people out of the org chart: their rows are dropped and a
 * manager who was erased reads as none. Counts what it dropped.
 *
 * @example runSync({ …, orgSink: suppressingOrgSink(storeOrgSnapshotSink(db), filter) })
 */
export function suppressingOrgSink(inner: OrgSnapshotSink, filter: SuppressionFilter): OrgSnapshotSink {
  const erased = (email: string | null) => email !== null && filter.matches({ email });
  return {
    async write(snapshot: OrgSnapshot) {
      if (filter.size === 0) return inner.write(snapshot);
      const before = snapshot.rows.length;
      const kept =
        snapshot.kind === 'directory'
          ? {
              ...snapshot,
              rows: snapshot.rows
                .filter((r) => !erased(r.email) && !(r.graphId && filter.matches({ graphId: r.graphId })))
                .map((r) => (erased(r.managerEmail) ? { ...r, managerEmail: null } : r)),
            }
          : {
              ...snapshot,
              rows: snapshot.rows
                .filter(
                  (r) =>
                    !erased(r.email) &&
                    !(r.githubLogin && filter.matches({ githubLogin: r.githubLogin })) &&
                    !(r.slackId && filter.matches({ slackId: r.slackId })),
                )
                .map((r) => (erased(r.managerEmail) ? { ...r, managerEmail: null } : r)),
            };
      const counts = await inner.write(kept as OrgSnapshot);
      const suppressed = before - kept.rows.length;
      return suppressed > 0 ? { ...counts, suppressed } : counts;
    },
  };
}
