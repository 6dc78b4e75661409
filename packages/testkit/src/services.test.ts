import { describe, expect, it } from 'vitest';
import { requireServices, uniqueName } from './services';

describe('requireServices', () => {
  it('returns the values when set', () => {
    expect(requireServices('s', ['DATABASE_URL'], { DATABASE_URL: 'postgres://x' })).toEqual({
      DATABASE_URL: 'postgres://x',
    });
  });
  it('skips (null) when missing and not required', () => {
    expect(requireServices('s', ['KAFKA_BROKERS'], {})).toBeNull();
  });
  it('fails when missing and PUSHPULL_REQUIRE_SERVICES=1', () => {
    expect(() => requireServices('s', ['REDIS_URL'], { PUSHPULL_REQUIRE_SERVICES: '1' })).toThrow(
      /REDIS_URL/,
    );
  });
  it('makes unique names', () => {
    expect(uniqueName('t')).not.toBe(uniqueName('t'));
  });
});
