import { getCursor, type Store, setCursor } from '@pushpull/store';
import type { CursorStore } from './connector';

/**
 * The CursorStore of one source over the store's `sync_cursor` table (Postgres or PGlite).
 *
 * @example
 * const cursors = storeCursorStore(store.db, 'github');
 * await cursors.set('acme/api', JSON.stringify({ since: '2024-01-01T00:00:00Z' }));
 */
export function storeCursorStore(db: Store['db'], source: string): CursorStore {
  return {
    get: (scope) => getCursor(db, source, scope),
    set: (scope, cursor) => setCursor(db, source, scope, cursor),
  };
}
