import { type ActivityEvent, keyedHash, SuppressionFilter } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import type { OrgSnapshot } from './connector';
import { suppressingOrgSink, suppressingSink } from './suppressing-sink';

const SECRET = 'k';
const filter = new SuppressionFilter(SECRET, [
  keyedHash(SECRET, 'email:lea@acme.io'),
  keyedHash(SECRET, 'gh:lea'),
]);

function event(
  id: string,
  actor: ActivityEvent['actor'],
  targets: ActivityEvent['targets'] = [],
): ActivityEvent {
  return {
    id,
    source: 'github',
    type: 'github.issue.comment',
    occurredAt: '2026-09-01T10:00:00Z',
    actor,
    targets,
    conversationId: null,
    inReplyTo: null,
    subject: null,
    text: null,
    attributes: {},
  } as ActivityEvent;
}

describe('suppressing sinks', () => {
  it('drop the events of erased people before the inner sink and count them', async () => {
    const written: string[] = [];
    let closed = false;
    const sink = suppressingSink(
      {
        write: async (events) => void written.push(...events.map((e) => e.id)),
        close: async () => {
          closed = true;
        },
      },
      filter,
    );
    await sink.write([
      event('a', { githubLogin: 'Lea' }),
      event('b', { githubLogin: 'bob' }, [{ githubLogin: 'ann', role: 'reviewer' }]),
      event('c', { githubLogin: 'bob' }, [{ email: 'lea@acme.io', role: 'mention' }]),
    ]);
    await sink.write([event('d', { githubLogin: 'ann' })]);
    await sink.close();
    expect(written).toEqual(['b', 'd']);
    expect(sink.dropped).toBe(2);
    expect(closed).toBe(true);
  });

  it('keep erased people out of org snapshots: their rows go, their reports move to their manager', async () => {
    const seen: OrgSnapshot[] = [];
    const org = suppressingOrgSink(
      {
        write: async (s) => {
          seen.push(s);
          return { rows: s.rows.length };
        },
      },
      filter,
    );
    const person = (email: string, managerEmail: string | null, githubLogin: string | null = null) => ({
      email,
      name: null,
      managerEmail,
      title: null,
      department: null,
      githubLogin,
      slackId: null,
      validFrom: null,
    });
    const counts = await org.write({
      kind: 'chart',
      rows: [
        person('ceo@acme.io', null),
        person('lea@acme.io', 'ceo@acme.io'),
        person('r@acme.io', 'LEA@acme.io'),
        person('x@acme.io', null, 'lea'),
        person('y@acme.io', 'x@acme.io'),
      ],
    });
    expect(counts).toEqual({ rows: 3, suppressed: 2 });
    expect(seen[0]?.rows.map((r) => [r.email, r.managerEmail])).toEqual([
      ['ceo@acme.io', null],
      ['r@acme.io', 'ceo@acme.io'], // lea's manager
      ['y@acme.io', null], // x (erased by GitHub login) had no manager
    ]);
  });
});
