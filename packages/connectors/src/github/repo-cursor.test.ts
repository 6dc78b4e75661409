import { describe, expect, it } from 'vitest';
import { emptyRepoCursor, parseRepoCursor } from './repo-cursor';

describe('repo cursor', () => {
  it('round-trips and fills defaults', () => {
    const c = { ...emptyRepoCursor(), since: { issues: '2024-01-01T00:00:00Z' } };
    expect(parseRepoCursor(JSON.stringify(c))).toEqual(c);
    expect(parseRepoCursor('{"v":1}')).toEqual(emptyRepoCursor());
  });

  it('rejects what it cannot read', () => {
    expect(parseRepoCursor(null)).toBeNull();
    expect(parseRepoCursor('2024-01-01T00:00:00Z')).toBeNull();
    expect(parseRepoCursor('{"v":1,"since":{"issues":"yesterday"}}')).toBeNull();
  });
});
