import { describe, expect, it } from 'vitest';
import { noteInTrail, startTrail, TRAIL_AUTHORS, type TrailEvent } from './conversation-trail';

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

describe('conversation trail', () => {
  it('counts the events, keeps the opener, the authors in order of first word and the latest event', () => {
    const trail = startTrail(ev('e1', 'ana', 'pull', true));
    noteInTrail(trail, ev('e2', 'ben'));
    noteInTrail(trail, ev('e3', 'ana', 'neutral'));
    expect(trail).toEqual({
      events: 3,
      openerKey: 'ana',
      authorKeys: ['ana', 'ben'],
      lastEventId: 'e3',
      lastAuthorKey: 'ana',
      lastMode: 'neutral',
      lastAsked: false,
    });
  });

  it('notes an event once: the same latest event again (a retried batch) changes nothing', () => {
    const trail = startTrail(ev('e1', 'ana'));
    expect(noteInTrail(trail, ev('e2', 'ben'))).toBe(true);
    const before = structuredClone(trail);
    expect(noteInTrail(trail, ev('e2', 'ben'))).toBe(false);
    expect(trail).toEqual(before);
  });

  it(`keeps at most ${TRAIL_AUTHORS} authors, and counts every event`, () => {
    const trail = startTrail(ev('e0', 'a0'));
    for (let i = 1; i < TRAIL_AUTHORS + 5; i++) noteInTrail(trail, ev(`e${i}`, `a${i}`));
    expect(trail.authorKeys).toEqual(Array.from({ length: TRAIL_AUTHORS }, (_, i) => `a${i}`));
    expect(trail.events).toBe(TRAIL_AUTHORS + 5);
  });
});
