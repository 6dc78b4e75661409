import { mergeOrgSnapshot, type Store } from '@pushpull/store';
import type { OrgSnapshotSink } from './connector';

/**
 * The OrgSnapshotSink over the store: each snapshot is merged into the effective-dated org chart
 * with `mergeOrgSnapshot` (history kept; the org version bumped in the same transaction).
 *
 * @example await runSync({ connector, cursors, sink, orgSink: storeOrgSnapshotSink(store.db) });
 */
export function storeOrgSnapshotSink(db: Store['db']): OrgSnapshotSink {
  return {
    write: async (snapshot) => ({ ...(await mergeOrgSnapshot(db, snapshot.rows, snapshot.asOf)) }),
  };
}
