import { describe, expect, it } from 'vitest';
import { readSyncCursor } from '../kit/sync-cursor';
import { migrateRepoCursorV1, phaseOfUrl } from './repo-cursor';

const API = 'https://api.github.com/repos/acme/api';

describe('repository cursor of version 1', () => {
  it('migrates a finished pass: since → marks, ETags by endpoint, recent ids → seen', () => {
    const v1 = {
      v: 1,
      since: { pulls: '2024-01-01T00:00:00Z', issue_comments: '2024-02-01T00:00:00Z' },
      etags: {
        [`${API}/pulls?state=all&sort=updated&direction=desc&per_page=100`]: 'W/"p"',
        [`${API}/issues/events?per_page=100`]: 'W/"e"',
      },
      recent: [
        { id: 'github:acme/api:issue_comment:7', at: '2024-02-01T00:00:00Z', phase: 'issue_comments' },
      ],
    };
    const { cursor, status } = readSyncCursor(JSON.stringify(v1), migrateRepoCursorV1);
    expect(status).toBe('migrated');
    expect(cursor?.pass).toBeNull();
    expect(cursor?.streams.pulls).toMatchObject({
      mark: '2024-01-01T00:00:00Z',
      next: null,
      etag: { url: `${API}/pulls?state=all&sort=updated&direction=desc&per_page=100`, tag: 'W/"p"' },
    });
    expect(cursor?.streams.issues).toMatchObject({ mark: null, etag: null });
    expect(cursor?.streams.issue_events?.etag?.tag).toBe('W/"e"');
    expect(cursor?.seen).toEqual([
      { id: 'github:acme/api:issue_comment:7', at: '2024-02-01T00:00:00Z', stream: 'issue_comments' },
    ]);
  });

  it("migrates a pass in progress: its position, the pass's ETags for endpoints read, the last pass's for the rest", () => {
    const v1 = {
      v: 1,
      since: {},
      etags: {
        [`${API}/pulls?per_page=100`]: 'old-pulls',
        [`${API}/issues/comments?per_page=100`]: 'old-comments',
      },
      recent: [],
      pass: {
        startedAt: '2024-03-01T10:00:00.000Z',
        phase: 'issues',
        next: `${API}/issues?page=3`,
        changed: ['pulls', 'issues'],
        etags: { [`${API}/pulls?per_page=100`]: 'new-pulls', [`${API}/issues?per_page=100`]: 'new-issues' },
        recent: [{ id: 'x', at: '2024-03-01T10:00:00Z', phase: 'issues' }],
      },
    };
    const cursor = migrateRepoCursorV1(v1);
    expect(cursor?.pass).toEqual({
      startedAt: '2024-03-01T10:00:00.000Z',
      stream: 'issues',
      changed: ['pulls', 'issues'],
      newest: null,
      seen: [{ id: 'x', at: '2024-03-01T10:00:00Z', stream: 'issues' }],
    });
    expect(cursor?.streams.issues?.next).toBe(`${API}/issues?page=3`);
    expect(cursor?.streams.pulls?.etag?.tag).toBe('new-pulls');
    expect(cursor?.streams.issues?.etag?.tag).toBe('new-issues');
    expect(cursor?.streams.issue_comments?.etag?.tag).toBe('old-comments');
  });

  it('reads nothing it does not know', () => {
    expect(migrateRepoCursorV1({ v: 1, since: { issues: 'yesterday' } })).toBeNull();
    expect(readSyncCursor('2024-01-01T00:00:00Z', migrateRepoCursorV1)).toEqual({
      cursor: null,
      status: 'unreadable',
    });
    expect(phaseOfUrl(`${API}/pulls/comments?since=x`)).toBe('review_comments');
    expect(phaseOfUrl('not a url')).toBeNull();
  });
});
