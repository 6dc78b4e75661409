import { describe, expect, it } from 'vitest';
import { extendTrail, TRAIL_AUTHORS, type TrailEvent } from './conversation-trail';

const ev = (
  eventId: string,
  authorKey: string,
  mode: TrailEvent['mode'] = 'push',
  asked = false,
): TrailEvent => ({
  eventId,
  authorKey,
  mode,
  asked,
});

describe('extendTrail', () => {
  it('counts the events, keeps the opener, the authors in order of first word and the latest event', () => {
    let trail = extendTrail(undefined, ev('e1', 'ana', 'pull', true));
    trail = extendTrail(trail, ev('e2', 'ben'));
    trail = extendTrail(trail, ev('e3', 'ana', 'neutral'));
    expect(trail).toEqual({
      events: 3,
      openerKey: 'ana',
      authorKeys: ['ana', 'ben'],
      last: ev('e3', 'ana', 'neutral'),
    });
  });

  it('notes an event once: the same latest event again (a retried batch) changes nothing', () => {
    const once = extendTrail(extendTrail(undefined, ev('e1', 'ana')), ev('e2', 'ben'));
    expect(extendTrail(once, ev('e2', 'ben'))).toBe(once);
  });

  it(`keeps at most ${TRAIL_AUTHORS} authors, and never changes the trail it is given`, () => {
    let trail = extendTrail(undefined, ev('e0', 'a0'));
    for (let i = 1; i < TRAIL_AUTHORS + 5; i++) {
      const before = trail;
      const authors = [...before.authorKeys];
      trail = extendTrail(trail, ev(`e${i}`, `a${i}`));
      expect(before.authorKeys).toEqual(authors);
    }
    expect(trail.authorKeys).toHaveLength(TRAIL_AUTHORS);
    expect(trail.events).toBe(TRAIL_AUTHORS + 5);
  });
});
