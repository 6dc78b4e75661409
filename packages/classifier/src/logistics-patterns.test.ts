import { describe, expect, it } from 'vitest';
import { isTimeSlot, logisticsMatches } from './logistics-patterns';

describe('logistics patterns', () => {
  it('recognises a sentence that only names or accepts a slot', () => {
    for (const s of [
      'friday at 10 works for me',
      'wednesday, 1:00 works for me',
      'thursday is great',
      "how's 8 am pdt",
      'sure, 2pm',
      'tuesday is bad for me, but wednesday or thursday looks good',
    ]) {
      expect(isTimeSlot(s), s).toBe(true);
    }
    for (const s of ['friday', 'the deadline is friday', 'works for me', 'revenue is great']) {
      expect(isTimeSlot(s), s).toBe(s === 'friday');
    }
  });

  it('names the pattern that matched', () => {
    expect(logisticsMatches('sorry i missed the 1:1')).toContain('missed-event');
    expect(logisticsMatches('is the 3pm still on')).toContain('still-on');
    expect(logisticsMatches('can you hop on a call')).toContain('on-a-call');
    expect(logisticsMatches('the export job is at 20%')).toEqual([]);
  });
});
