import { describe, expect, it } from 'vitest';
import { parseDateText, parseInt8Text, parseNumericText } from './type-parsers';

describe('type parsers', () => {
  it('keeps dates as YYYY-MM-DD text', () => {
    expect(parseDateText('0001-01-01')).toBe('0001-01-01');
  });

  it('turns safe bigint counts into numbers and keeps larger ones exact as text', () => {
    expect(parseInt8Text('42')).toBe(42);
    expect(parseInt8Text('-9007199254740991')).toBe(-9007199254740991);
    expect(parseInt8Text('9007199254740993')).toBe('9007199254740993');
  });

  it('turns numerics into numbers unless precision would be lost', () => {
    expect(parseNumericText('6000')).toBe(6000);
    expect(parseNumericText('0.25')).toBe(0.25);
    expect(parseNumericText('-12.5')).toBe(-12.5);
    expect(parseNumericText('123456789012345678')).toBe('123456789012345678');
    expect(parseNumericText('0.12345678901234567')).toBe('0.12345678901234567');
    expect(parseNumericText('NaN')).toBe('NaN');
  });
});
