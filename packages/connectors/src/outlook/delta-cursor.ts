import { z } from 'zod';
import type { SyncCursor } from '../kit/sync-cursor';

/** The two streams of a mailbox: Sent Items (scope `{userId}/sentitems`) and the calendar (`{userId}/calendar`). */
export type OutlookStreamKind = 'mail' | 'events';

/**
 * Where one delta stream stands, as the Outlook sync works with it: the link to fetch next (a
 * nextLink of a round in progress, or the deltaLink), where the first sync started, and before when
 * everything created has been emitted.
 */
export interface DeltaPosition {
  link: string;
  kind: 'next' | 'delta';
  start: string;
  seenBefore: string | null;
  /** When the round in progress started (for the cursor's pass). */
  roundStartedAt: string;
}

/**
 * A delta stream's position in the kit's cursor format: the link → the stream's next, `start` → its
 * origin, `seenBefore` → its mark; a round in progress (a nextLink) is the pass.
 *
 * @example writeSyncCursor(deltaCursor('mail', position))
 */
export function deltaCursor(stream: OutlookStreamKind, p: DeltaPosition): SyncCursor {
  return {
    v: 2,
    streams: { [stream]: { mark: p.seenBefore, next: p.link, etag: null, origin: p.start, children: {} } },
    pass:
      p.kind === 'next' ? { startedAt: p.roundStartedAt, stream, changed: [], newest: null, seen: [] } : null,
    seen: [],
  };
}

/**
 * The position a stored cursor gives a delta stream; null when it holds none for that stream.
 *
 * @example positionOf('mail', readSyncCursor(stored, migrateDeltaCursorV1('mail')).cursor, runStart)
 */
export function positionOf(
  stream: OutlookStreamKind,
  cursor: SyncCursor | null,
  runStartedAt: Date,
): DeltaPosition | null {
  const state = cursor?.streams[stream];
  if (!cursor || !state?.next || !state.origin) return null;
  const inRound = cursor.pass?.stream === stream;
  return {
    link: state.next,
    kind: inRound ? 'next' : 'delta',
    start: state.origin,
    seenBefore: state.mark,
    roundStartedAt: inRound && cursor.pass ? cursor.pass.startedAt : runStartedAt.toISOString(),
  };
}

/** The delta cursor stored before the kit's one cursor format (version 1). Read only, to migrate. */
const DeltaCursorV1Schema = z.object({
  v: z.literal(1),
  link: z.string().min(1),
  kind: z.enum(['next', 'delta']),
  start: z.string(),
  seenBefore: z.string().nullable(),
});

/**
 * The legacy reader of a stream: a version-1 delta cursor in the kit's format (a round in progress
 * gets its `start` as the pass's start, which version 1 did not keep).
 *
 * @example readSyncCursor(stored, migrateDeltaCursorV1('events'))
 */
export function migrateDeltaCursorV1(stream: OutlookStreamKind): (stored: unknown) => SyncCursor | null {
  return (stored) => {
    const r = DeltaCursorV1Schema.safeParse(stored);
    if (!r.success) return null;
    return deltaCursor(stream, { ...r.data, roundStartedAt: r.data.start });
  };
}
