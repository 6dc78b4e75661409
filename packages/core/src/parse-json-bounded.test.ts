import { describe, expect, it } from 'vitest';
import { jsonNestingDepth, MAX_JSON_BYTES, parseJsonBounded } from './parse-json-bounded';

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('jsonNestingDepth', () => {
  it('counts objects and arrays, not brackets inside strings or escaped quotes', () => {
    expect(jsonNestingDepth('1')).toBe(0);
    expect(jsonNestingDepth('{"a":[1,{"b":"[[{{"}]}')).toBe(3);
    expect(jsonNestingDepth('{"a":"say \\"[[[\\" twice","b":[]}')).toBe(2);
    // A string ending in an escaped backslash ends at the quote after it; an escaped quote does not end it.
    expect(jsonNestingDepth('{"a":"dir\\\\","b":[[1]]}')).toBe(3);
    expect(jsonNestingDepth('{"a":"x\\\\\\"[[","b":[1]}')).toBe(2);
    expect(jsonNestingDepth('{"a":"never closed [[[')).toBe(1);
  });

  it('measures 100,000 levels without overflowing the stack', () => {
    expect(jsonNestingDepth('['.repeat(100_000) + ']'.repeat(100_000))).toBe(100_000);
  });
});

describe('parseJsonBounded', () => {
  it('parses good JSON up to 64 levels', () => {
    expect(parseJsonBounded('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonBounded(nested(64)).ok).toBe(true);
  });

  it('refuses deeper nesting before JSON.parse, with a code and the depth', () => {
    expect(parseJsonBounded(nested(65))).toEqual({
      ok: false,
      code: 'JSON_TOO_DEEP',
      reason: 'nested 65 levels deep, over the limit of 64',
    });
    const deep = parseJsonBounded(nested(10_000));
    expect(deep).toMatchObject({ ok: false, code: 'JSON_TOO_DEEP' });
  });

  it('refuses a text over 1 MiB, counting UTF-8 bytes', () => {
    const big = `{"t":"${'x'.repeat(MAX_JSON_BYTES)}"}`;
    expect(parseJsonBounded(big)).toMatchObject({ ok: false, code: 'JSON_TOO_LARGE' });
    // 400,000 three-byte characters: under 1 MiB in UTF-16 units, over it in bytes
    const wide = `{"t":"${'€'.repeat(400_000)}"}`;
    expect(parseJsonBounded(wide)).toMatchObject({
      ok: false,
      code: 'JSON_TOO_LARGE',
      reason: `${400_000 * 3 + 8} bytes, over the limit of ${MAX_JSON_BYTES} bytes`,
    });
    expect(parseJsonBounded(`{"t":"${'€'.repeat(300_000)}"}`).ok).toBe(true);
  });

  it('turns a syntax error into a result, never a throw', () => {
    expect(parseJsonBounded('{"broken')).toMatchObject({
      ok: false,
      code: 'JSON_INVALID',
      reason: expect.stringMatching(/^not valid JSON \(/),
    });
  });

  it('says what is wrong and where, never quoting the input', () => {
    const plain = parseJsonBounded('Quarterly numbers are bad');
    expect(plain).toEqual({ ok: false, code: 'JSON_INVALID', reason: 'not valid JSON (unexpected token)' });
    const comma = parseJsonBounded('{"text":"secret" , , }');
    expect(comma.ok ? '' : comma.reason).toMatch(/^not valid JSON \([a-z -]+ at character 20\)$/);
  });
});
