import { describe, expect, it } from 'vitest';
import { shortReason, shortText } from './short-text';

describe('shortText', () => {
  it('keeps text up to the limit and cuts longer text to the limit, ending in …', () => {
    expect(shortText('abcde', 5)).toBe('abcde');
    expect(shortText('abcdef', 5)).toBe('abcd…');
    expect(shortText('abcdef', 5)).toHaveLength(5);
    expect(shortText('', 1)).toBe('');
  });
});

describe('shortReason', () => {
  it("uses an Error's message and String() of anything else", () => {
    expect(shortReason(new Error('connect ECONNREFUSED'), 200)).toBe('connect ECONNREFUSED');
    expect(shortReason(42, 200)).toBe('42');
    expect(shortReason(new Error('x'.repeat(300)), 200)).toBe(`${'x'.repeat(199)}…`);
  });
});
