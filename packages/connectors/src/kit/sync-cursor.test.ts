import { describe, expect, it } from 'vitest';
import { emptySyncCursor, readSyncCursor, streamOf, writeSyncCursor } from './sync-cursor';

describe('the kit cursor format', () => {
  it('round-trips, filling defaults', () => {
    const cursor = emptySyncCursor();
    streamOf(cursor, 'history').mark = '1459332000.000101';
    streamOf(cursor, 'history').children['1459332000.000101'] = '1459332100.000100';
    const stored = writeSyncCursor(cursor);
    expect(readSyncCursor(stored)).toEqual({ cursor, status: 'current' });
    expect(readSyncCursor('{"v":2,"streams":{"a":{}}}').cursor?.streams.a).toEqual({
      mark: null,
      next: null,
      etag: null,
      origin: null,
      children: {},
    });
  });

  it('migrates an older cursor through the legacy reader, and says what it could not read', () => {
    const legacy = (old: unknown) =>
      (old as { v?: unknown }).v === 1
        ? { ...emptySyncCursor(), seen: [{ id: 'a', at: 'x', stream: 's' }] }
        : null;
    expect(readSyncCursor('{"v":1}', legacy).status).toBe('migrated');
    expect(readSyncCursor('{"v":1}').status).toBe('unreadable');
    expect(readSyncCursor('{"v":9}', legacy)).toEqual({ cursor: null, status: 'unreadable' });
    expect(readSyncCursor('not json', legacy).status).toBe('unreadable');
    expect(readSyncCursor(null)).toEqual({ cursor: null, status: 'none' });
    expect(readSyncCursor('{"v":1}', () => ({ v: 2, pass: { stream: 's' } }) as never).status).toBe(
      'unreadable',
    );
  });

  it('refuses to write a cursor it could not read back', () => {
    const cursor = emptySyncCursor();
    cursor.pass = { startedAt: 'yesterday', stream: 's', changed: [], newest: null, seen: [] };
    expect(() => writeSyncCursor(cursor)).toThrow();
  });
});
