import { describe, expect, it } from 'vitest';
import { splitOf } from './eval-split';

describe('splitOf', () => {
  it('is a fixed function of the conversation key', () => {
    expect(splitOf('chat:cc05')).toBe(splitOf('chat:cc05'));
    // FNV-1a 32 of "" is 0x811c9dc5 = 2166136261, which is 1 mod 4: dev.
    expect(splitOf('')).toBe('dev');
  });

  it('puts roughly a quarter of conversations into check', () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `conv-${i}`);
    const check = keys.filter((k) => splitOf(k) === 'check').length / keys.length;
    expect(check).toBeGreaterThan(0.2);
    expect(check).toBeLessThan(0.3);
  });
});
