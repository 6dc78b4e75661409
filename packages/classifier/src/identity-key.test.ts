import { OrgChart, parseOrgCsv } from '@pushpull/org';
import { describe, expect, it } from 'vitest';
import { identityKey } from './identity-key';

describe('identityKey', () => {
  const org = OrgChart.fromRows(parseOrgCsv('email,github_login,slack_id\nada@acme.com,Ada-L,U0ADA\n'));

  it('is the person id when the org chart resolves the identity', () => {
    expect(identityKey({ githubLogin: 'ada-l' }, org)).toBe('p:ada@acme.com');
    expect(identityKey({ slackId: 'U0ADA', role: 'mention' }, org)).toBe('p:ada@acme.com');
  });

  it('falls back to a stable per-tool key in a fixed order', () => {
    expect(identityKey({ email: ' Bob@Client.com ', githubLogin: 'bob' }, org)).toBe('email:bob@client.com');
    expect(identityKey({ githubLogin: 'Bob', githubId: 7 })).toBe('gh:bob');
    expect(identityKey({ githubId: 7, slackId: 'U1' })).toBe('ghid:7');
    expect(identityKey({ slackId: 'U1' })).toBe('slack:U1');
    expect(identityKey({ graphId: 'ABC-1' })).toBe('graph:abc-1');
  });
});
