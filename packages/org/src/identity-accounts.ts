import type { Identity, Target } from '@pushpull/core';
import type { AccountKind } from './parse-identity-overrides';
import { normalizeAccountValue } from './parse-identity-overrides';

/** An identity's tool accounts by kind (the override file's kinds), and one stable key for them. */
export interface IdentityAccounts {
  /** `kind=value` pairs in kind order, e.g. `email=ada@acme.com slack_id=U0BOB`. */
  key: string;
  accounts: Partial<Record<AccountKind, string>>;
}

/**
 * The accounts an identity carries, normalised as the override file normalises them — what an
 * admin needs to write an override line, without a name or any text.
 *
 * @example identityAccounts({ email: 'Ada@Acme.com', slackId: 'U0BOB' }).key // 'email=ada@acme.com slack_id=U0BOB'
 */
export function identityAccounts(identity: Identity | Target): IdentityAccounts {
  const pairs: [AccountKind, string | number | undefined][] = [
    ['email', identity.email],
    ['github_login', identity.githubLogin],
    ['github_id', identity.githubId],
    ['slack_id', identity.slackId],
    ['graph_id', identity.graphId],
  ];
  const accounts: Partial<Record<AccountKind, string>> = {};
  const parts: string[] = [];
  for (const [kind, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    const normalised = normalizeAccountValue(kind, String(value));
    accounts[kind] = normalised;
    parts.push(`${kind}=${normalised}`);
  }
  return { key: parts.join(' '), accounts };
}
