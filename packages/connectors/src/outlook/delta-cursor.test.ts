import { describe, expect, it } from 'vitest';
import { readSyncCursor, writeSyncCursor } from '../kit/sync-cursor';
import { type DeltaPosition, deltaCursor, migrateDeltaCursorV1, positionOf } from './delta-cursor';

const RUN = new Date('2026-01-05T09:00:00Z');
const delta: DeltaPosition = {
  link: 'https://graph.microsoft.com/v1.0/users/u1/mailFolders/sentitems/messages/delta?$deltatoken=abc',
  kind: 'delta',
  start: '2025-10-07T09:00:00.000Z',
  seenBefore: '2026-01-04T09:00:00.000Z',
  roundStartedAt: '2026-01-04T09:00:00.000Z',
};

describe('Outlook delta cursor', () => {
  it('keeps a finished round and a round in progress through the kit format', () => {
    const stored = writeSyncCursor(deltaCursor('mail', delta));
    expect(positionOf('mail', readSyncCursor(stored).cursor, RUN)).toEqual({
      ...delta,
      roundStartedAt: RUN.toISOString(),
    });
    const inRound = { ...delta, kind: 'next' as const, link: `${delta.link}&$skiptoken=2` };
    expect(
      positionOf('mail', readSyncCursor(writeSyncCursor(deltaCursor('mail', inRound))).cursor, RUN),
    ).toEqual(inRound);
    // Another stream's cursor is no position for this one.
    expect(positionOf('events', readSyncCursor(stored).cursor, RUN)).toBeNull();
  });

  it('migrates a cursor of version 1', () => {
    const v1 = { v: 1, link: delta.link, kind: 'next', start: delta.start, seenBefore: null };
    const { cursor, status } = readSyncCursor(JSON.stringify(v1), migrateDeltaCursorV1('events'));
    expect(status).toBe('migrated');
    expect(positionOf('events', cursor, RUN)).toEqual({
      link: delta.link,
      kind: 'next',
      start: delta.start,
      seenBefore: null,
      roundStartedAt: delta.start,
    });
    expect(
      migrateDeltaCursorV1('mail')({ v: 1, link: '', kind: 'delta', start: 'x', seenBefore: null }),
    ).toBeNull();
  });
});
