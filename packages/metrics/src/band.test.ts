import { describe, expect, it } from 'vitest';
import { band, DEFAULT_BANDS } from './band';

describe('band', () => {
  it('has the PRODUCT.md default targets', () => {
    expect(DEFAULT_BANDS).toEqual({
      up: [0.6, 0.9],
      down: [0.3, 0.6],
      peer: [0.4, 0.6],
      external: [0.3, 0.6],
    });
  });

  it('names where a share stands, bounds inclusive', () => {
    expect(band(0.75, DEFAULT_BANDS.up)).toBe('in band');
    expect(band(0.6, DEFAULT_BANDS.up)).toBe('in band');
    expect(band(0.9, DEFAULT_BANDS.up)).toBe('in band');
    expect(band(0.91, DEFAULT_BANDS.up)).toBe('too pushy');
    expect(band(0.59, DEFAULT_BANDS.up)).toBe('too pully');
    expect(band(0.29, DEFAULT_BANDS.down)).toBe('too pully');
    expect(band(1, DEFAULT_BANDS.external)).toBe('too pushy');
    expect(band(0, DEFAULT_BANDS.peer)).toBe('too pully');
  });

  it('says "not enough data" for a missing share', () => {
    expect(band(null, DEFAULT_BANDS.down)).toBe('not enough data');
    expect(band(Number.NaN, DEFAULT_BANDS.down)).toBe('not enough data');
  });
});
