import { describe, expect, it } from 'vitest';
import { accountKey, identityAccountKeys } from './account-key';
import { keyedHash, SuppressionFilter, subjectHash } from './suppression';

const SECRET = 'test-installation-key';

describe('keyed hashes and the suppression filter', () => {
  it('normalises account keys: trimmed, lower-cased except Slack ids; unknown kinds and empty values are none', () => {
    expect(accountKey('email', ' Lea@ACME.io ')).toBe('email:lea@acme.io');
    expect(accountKey('github_login', 'Lea')).toBe('gh:lea');
    expect(accountKey('github_id', 42)).toBe('ghid:42');
    expect(accountKey('slack_id', ' U0AbC ')).toBe('slack:U0AbC');
    expect(accountKey('graph_id', 'ABC-1')).toBe('graph:abc-1');
    expect(accountKey('fax', '123')).toBeNull();
    expect(accountKey('email', '  ')).toBeNull();
    expect(identityAccountKeys({ email: 'Lea@acme.io', githubLogin: 'Lea', githubId: 7 })).toEqual([
      'email:lea@acme.io',
      'gh:lea',
      'ghid:7',
    ]);
  });

  it('hashes with the key: 64 hex digits, stable, different under another key, no trace of the address', () => {
    const h = keyedHash(SECRET, 'email:lea@acme.io');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(SECRET, 'email:lea@acme.io')).toBe(h);
    expect(keyedHash('another-key', 'email:lea@acme.io')).not.toBe(h);
    expect(h).not.toContain('lea');
  });

  it("a person's subject hash is the keyed hash of their normalised email account key", () => {
    expect(subjectHash(SECRET, ' Lea@Acme.io ')).toBe(keyedHash(SECRET, 'email:lea@acme.io'));
    expect(subjectHash(SECRET, 'lea@acme.io')).not.toBe(subjectHash('another-key', 'lea@acme.io'));
  });

  it('matches an event by its actor or any target, on any account kind, whatever the case', () => {
    const filter = new SuppressionFilter(SECRET, [
      keyedHash(SECRET, 'email:lea@acme.io'),
      keyedHash(SECRET, 'gh:lea-gh'),
      keyedHash(SECRET, 'slack:U1'),
    ]);
    expect(filter.size).toBe(3);
    const ev = (actor: object, targets: object[] = []) =>
      ({ actor, targets }) as Parameters<SuppressionFilter['involves']>[0];
    expect(filter.involves(ev({ email: 'LEA@acme.io ' }))).toBe(true);
    expect(filter.involves(ev({ email: 'bob@acme.io' }, [{ githubLogin: 'Lea-GH', role: 'reviewer' }]))).toBe(
      true,
    );
    expect(filter.involves(ev({ slackId: 'U2' }, [{ slackId: 'U1', role: 'mention' }]))).toBe(true);
    expect(filter.involves(ev({ slackId: 'u1' }))).toBe(false); // Slack ids keep their case
    expect(filter.involves(ev({ email: 'bob@acme.io' }, [{ email: 'ann@acme.io', role: 'to' }]))).toBe(false);
    const { kept, dropped } = filter.partition([
      ev({ email: 'lea@acme.io' }),
      ev({ email: 'bob@acme.io' }),
      ev({ email: 'ann@acme.io' }, [{ email: 'lea@acme.io', role: 'cc' }]),
    ]);
    expect(dropped).toBe(2);
    expect(kept).toEqual([ev({ email: 'bob@acme.io' })]);
  });

  it('matches a labeled event by its actor person id, an edge person id or an edge target, never a broadcast', () => {
    const filter = new SuppressionFilter(SECRET, [keyedHash(SECRET, 'email:lea@acme.io')]);
    const edge = (personId: string | null, email: string) => ({
      target: { email, role: 'to' as const },
      personId,
      direction: 'up' as const,
      distance: 1,
    });
    const mix = { up: 0, down: 30, peer: 10, lateral: 0, external: 0, unknown: 0 };
    const broadcast = { broadcast: true as const, audience: { kind: 'channel', size: 40 }, mix };
    expect(filter.involvesLabeled({ actor: { personId: 'p:lea@acme.io' }, edges: [] })).toBe(true);
    expect(
      filter.involvesLabeled({
        actor: { personId: 'p:bob@acme.io' },
        edges: [edge('p:lea@acme.io', 'x@y.io')],
      }),
    ).toBe(true);
    expect(filter.involvesLabeled({ actor: { personId: null }, edges: [edge(null, 'Lea@acme.io')] })).toBe(
      true,
    );
    expect(
      filter.involvesLabeled({
        actor: { personId: 'p:bob@acme.io' },
        edges: [broadcast, edge('p:ann@acme.io', 'ann@acme.io')],
      }),
    ).toBe(false);
    expect(filter.matchesPersonId('gh:lea')).toBe(false);
  });

  it('an empty list keeps everything', () => {
    const filter = new SuppressionFilter(SECRET, []);
    expect(filter.partition([{ actor: { email: 'lea@acme.io' }, targets: [] }]).dropped).toBe(0);
  });
});
