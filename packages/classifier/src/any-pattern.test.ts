import { describe, expect, it } from 'vitest';
import { anyPattern } from './any-pattern';

describe('anyPattern', () => {
  it('matches where any pattern matches, whatever their flags', () => {
    const any = anyPattern([
      { id: 'a', pattern: /^ab/ },
      { id: 'b', pattern: /c$/ },
      { id: 'u', pattern: /\p{Lu}x/u },
    ]);
    expect(any.test('abz')).toBe(true);
    expect(any.test('zzc')).toBe(true);
    expect(any.test('Zx')).toBe(true);
    expect(any.test('zab')).toBe(false);
    expect(anyPattern([]).test('x')).toBe(false);
  });
});
