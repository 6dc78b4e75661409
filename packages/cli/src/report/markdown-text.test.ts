import { describe, expect, it } from 'vitest';
import { markdownText } from './markdown-text';

describe('markdownText', () => {
  it('escapes markup characters and puts a line break on one line', () => {
    expect(markdownText('R&D | *core*')).toBe('R&D \\| \\*core\\*');
    expect(markdownText('a_b <c> [d](e) #1 ~x~')).toBe('a\\_b \\<c\\> \\[d\\]\\(e\\) \\#1 \\~x\\~');
    expect(markdownText('one\r\ntwo')).toBe('one two');
  });
});
