import { describe, expect, it } from 'vitest';
import { identityAccounts } from './identity-accounts';

describe('identityAccounts', () => {
  it('lists the accounts normalised, in kind order, with a stable key', () => {
    const a = identityAccounts({ slackId: 'U0BOB', email: ' Ada@Acme.com ', name: 'Ada <script>' });
    expect(a).toEqual({
      key: 'email=ada@acme.com slack_id=U0BOB',
      accounts: { email: 'ada@acme.com', slack_id: 'U0BOB' },
    });
    expect(identityAccounts({ email: 'ada@acme.com', slackId: 'U0BOB' }).key).toBe(a.key);
  });

  it('keeps numeric GitHub ids and ignores names', () => {
    expect(identityAccounts({ githubId: 7496278, githubLogin: 'Ada-L', name: 'Ada' }).accounts).toEqual({
      github_login: 'ada-l',
      github_id: '7496278',
    });
  });
});
