import { describe, expect, it } from 'vitest';
import { ActivityEventSchema } from './activity-event';
import { plainActivityEvent } from './plain-activity-event';

/** A full event as JSON gives it, with a field zod leaves out. */
const full: Record<string, unknown> = {
  id: 'github:acme/api:issue_comment:1',
  source: 'github',
  type: 'github.issue_comment.created',
  occurredAt: '2024-05-01T09:00:00.123+02:00',
  actor: { githubLogin: 'ada', githubId: 7, name: 'Ada', extra: true },
  targets: [
    { email: 'bob@acme.io', role: 'to', slackId: 'U1' },
    { githubLogin: 'cy', role: 'mention', graphId: 'g' },
  ],
  conversationId: 'github:acme/api:issue:1',
  inReplyTo: null,
  subject: 'Subject',
  text: 'Could you look? 😀',
  url: null,
  audience: { kind: 'repo', id: null, size: 3, more: 1 },
  attributes: { 2: 'two', channelType: 'im', nested: { a: [1] } },
  unknown: 'left out',
};

const without = (key: string) => Object.fromEntries(Object.entries(full).filter(([k]) => k !== key));

/** Events the fast path takes: each must come out exactly as zod gives it. */
const plain: Record<string, unknown>[] = [
  full,
  {
    id: 'x',
    source: 'slack',
    type: 'slack.message.posted',
    occurredAt: '2024-05-01T09:00:00Z',
    actor: { email: 'a@b.io' },
  },
  without('targets'),
  without('attributes'),
  without('audience'),
  { ...full, audience: null, text: null, subject: null, conversationId: null },
  { ...full, audience: { kind: 'channel' } },
  { ...full, targets: [] },
  { ...full, id: 'é'.repeat(512) },
];

/** Values zod refuses, or that the fast path leaves to zod: the fast path must not accept them. */
const notPlain: unknown[] = [
  null,
  [],
  'text',
  { ...full, id: '' },
  { ...full, id: 'x'.repeat(513) },
  { ...full, source: 'teams' },
  { ...full, type: 'slack.message.posted' },
  { ...full, type: 'github.Issue.opened' },
  { ...full, occurredAt: '2024-05-01 09:00:00' },
  { ...full, occurredAt: '2024-02-30T09:00:00Z' },
  { ...full, occurredAt: 5 },
  { ...full, actor: { name: 'Nobody' } },
  { ...full, actor: { email: 'ab' } },
  { ...full, actor: { githubId: 1.5 } },
  { ...full, actor: { githubId: 2 ** 53 } },
  { ...full, actor: { slackId: '' } },
  { ...full, actor: 'ada' },
  { ...full, targets: [{ email: 'bob@acme.io' }] },
  { ...full, targets: [{ email: 'bob@acme.io', role: 'boss' }] },
  { ...full, targets: [{ role: 'to' }] },
  { ...full, targets: {} },
  { ...full, text: 5 },
  { ...full, audience: { kind: '' } },
  { ...full, audience: { kind: 'repo', size: -1 } },
  { ...full, audience: { kind: 'repo', size: 1.5 } },
  { ...full, audience: { kind: 'repo', id: 5 } },
  { ...full, attributes: [] },
  { ...full, attributes: null },
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { ...full, attributes: JSON.parse('{"__proto__":{"polluted":1}}') },
  // Left to zod (it counts code points): an email of three emoji is 6 UTF-16 units, two emoji 4.
  { ...full, actor: { email: '😀😀' } },
];

describe('plainActivityEvent', () => {
  it('gives what ActivityEventSchema gives for a plainly valid event: same fields, same order', () => {
    for (const value of plain) {
      const fast = plainActivityEvent(value);
      const zod = ActivityEventSchema.parse(value);
      expect(fast).not.toBeNull();
      expect(fast).toStrictEqual(zod);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
    }
  });

  it('takes nothing zod refuses, and leaves the doubtful to zod', () => {
    for (const value of notPlain) expect(plainActivityEvent(value)).toBeNull();
    expect(ActivityEventSchema.safeParse({ ...full, actor: { email: '😀😀' } }).success).toBe(false);
  });

  it('does not share the input’s objects, so changing its output changes nothing else', () => {
    const fast = plainActivityEvent(full)!;
    fast.attributes.channelType = 'channel';
    fast.actor.name = 'Bob';
    expect((full.attributes as Record<string, unknown>).channelType).toBe('im');
    expect((full.actor as Record<string, unknown>).name).toBe('Ada');
  });
});
