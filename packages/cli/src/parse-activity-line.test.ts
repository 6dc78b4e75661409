import { describe, expect, it } from 'vitest';
import { parseActivityLine } from './parse-activity-line';

const event = {
  id: 'github:acme/api:issue_comment:1',
  source: 'github',
  type: 'github.issue_comment.created',
  occurredAt: '2026-05-01T10:00:00Z',
  actor: { githubLogin: 'ada' },
  targets: [{ githubLogin: 'bob', role: 'mention' }],
  text: 'Could you review this?',
};

/** The event with `attributes` nested `depth` objects deep (the event itself is level 1). */
function nestedEvent(depth: number): string {
  const attributes = `${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}`;
  return JSON.stringify({ ...event, attributes: '@' }).replace('"@"', attributes);
}

describe('parseActivityLine', () => {
  it('reads a good line', () => {
    expect(parseActivityLine(JSON.stringify(event))).toMatchObject({ ok: true, event: { id: event.id } });
  });

  it('names the field of an invalid event and the error of bad JSON, with codes', () => {
    expect(parseActivityLine('{"id":"x"}')).toMatchObject({
      ok: false,
      code: 'EVENT_INVALID',
      reason: expect.stringMatching(/^not an ActivityEvent: source: /),
    });
    expect(parseActivityLine('{"broken')).toMatchObject({ ok: false, code: 'JSON_INVALID' });
  });

  it('accepts 64 levels and refuses deeper nesting without overflowing the stack', () => {
    expect(parseActivityLine(nestedEvent(64)).ok).toBe(true);
    expect(parseActivityLine(nestedEvent(65))).toEqual({
      ok: false,
      code: 'JSON_TOO_DEEP',
      reason: 'nested 65 levels deep, over the limit of 64',
    });
    expect(parseActivityLine(nestedEvent(10_000))).toMatchObject({ ok: false, code: 'JSON_TOO_DEEP' });
  });

  it('refuses a line over 1 MiB before parsing it', () => {
    const big = JSON.stringify({ ...event, text: 'x'.repeat(1_048_576) });
    expect(parseActivityLine(big)).toMatchObject({ ok: false, code: 'JSON_TOO_LARGE' });
  });
});
