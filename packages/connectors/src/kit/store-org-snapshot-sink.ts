import { mergeOrgSnapshot, replaceOrgChart, type Store } from '@pushpull/store';
import type { OrgSnapshotSink } from './connector';

/**
 * The OrgSnapshotSink over the store's org API: a directory snapshot is merged into the
 * effective-dated org chart with `mergeOrgSnapshot` (history kept), a whole chart replaces it with
 * `replaceOrgChart`; either bumps the org version in its own transaction.
 *
 * @example await runSync({ connector, cursors, sink, orgSink: storeOrgSnapshotSink(store.db) });
 */
export function storeOrgSnapshotSink(db: Store['db']): OrgSnapshotSink {
  return {
    async write(snapshot): Promise<Record<string, number>> {
      if (snapshot.kind === 'directory')
        return { ...(await mergeOrgSnapshot(db, snapshot.rows, snapshot.asOf)) };
      await replaceOrgChart(db, snapshot.rows);
      return { rows: snapshot.rows.length };
    },
  };
}
