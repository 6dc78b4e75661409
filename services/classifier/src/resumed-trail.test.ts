import type { StoredConversationTrail, StoredTrailState } from '@pushpull/store';
import { describe, expect, it } from 'vitest';
import { resumedTrail } from './resumed-trail';

const state = (events: number): StoredTrailState => ({
  events,
  openerKey: 'p:ana',
  authorKeys: ['p:ana', 'p:bo'],
  lastEventId: `e${events}`,
  lastAuthorKey: 'p:bo',
  lastMode: 'push',
  lastAsked: false,
});
/** Written by the batch at offsets 100–149 of partition 2, which took the trail from 3 to 5 events. */
const stored: StoredConversationTrail = {
  conversationId: 'slack:T1:C2',
  trail: state(5),
  before: state(3),
  partition: 2,
  firstOffset: '100',
  lastOffset: '149',
  lastAt: '2026-07-01T09:00:00.000Z',
};

describe('resumedTrail', () => {
  it('resumes from the stored trail when an earlier batch wrote it', () => {
    expect(resumedTrail(stored, { partition: 2, firstOffset: 150n })).toEqual(state(5));
    expect(resumedTrail(stored, { partition: 2, firstOffset: 900n })).toEqual(state(5));
  });

  it('resumes a retried batch from the state before its first run', () => {
    expect(resumedTrail(stored, { partition: 2, firstOffset: 100n })).toEqual(state(3));
    expect(resumedTrail({ ...stored, before: null }, { partition: 2, firstOffset: 100n })).toBeUndefined();
  });

  it('starts afresh when the stored batch overlaps this one otherwise', () => {
    expect(resumedTrail(stored, { partition: 2, firstOffset: 120n })).toBeUndefined();
    expect(resumedTrail(stored, { partition: 2, firstOffset: 80n })).toBeUndefined();
  });

  it('resumes from the stored trail written on another partition (offsets not comparable)', () => {
    expect(resumedTrail(stored, { partition: 0, firstOffset: 10n })).toEqual(state(5));
  });
});
