import { type AccountKind, type Identity, identityAccountValues, type Target } from '@pushpull/core';

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
  const pairs = identityAccountValues(identity);
  return {
    key: pairs.map(([kind, value]) => `${kind}=${value}`).join(' '),
    accounts: Object.fromEntries(pairs) as Partial<Record<AccountKind, string>>,
  };
}
