import type { Identity, Target } from './identity';

/** The kinds of tool account an identity can carry, as the store (`account.kind`) and the override file name them. */
export const ACCOUNT_KINDS = ['email', 'github_login', 'github_id', 'slack_id', 'graph_id'] as const;

/** One kind of tool account. */
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * The prefix of each kind's normalised key. Keys read like the classifier's identity keys:
 * `email:lea@acme.io`, `gh:lea`, `ghid:42`, `slack:U123`, `graph:0f1e…`.
 */
const KEY_PREFIX: Readonly<Record<AccountKind, string>> = {
  email: 'email',
  github_login: 'gh',
  github_id: 'ghid',
  slack_id: 'slack',
  graph_id: 'graph',
};

/**
 * An account value as pushpull matches it — the one rule for org chart links, identity overrides,
 * suppression of erased people and the accounts `org identities` lists: trimmed, and lower-cased
 * except Slack ids (case matters there). Emails, GitHub logins and Graph ids (GUIDs) compare without case.
 *
 * @example normalizeAccountValue('email', ' Lea@Acme.io ') // 'lea@acme.io'
 */
export function normalizeAccountValue(kind: AccountKind, value: string | number): string {
  const v = String(value).trim();
  return kind === 'slack_id' ? v : v.toLowerCase();
}

/**
 * The accounts an identity (an event's actor or target) carries, normalised, in {@link ACCOUNT_KINDS}
 * order; empty values left out.
 *
 * @example identityAccountValues({ email: 'Lea@acme.io', slackId: 'U1' }) // [['email', 'lea@acme.io'], ['slack_id', 'U1']]
 */
export function identityAccountValues(identity: Identity | Target): [AccountKind, string][] {
  const raw: Record<AccountKind, string | number | undefined | null> = {
    email: identity.email,
    github_login: identity.githubLogin,
    github_id: identity.githubId,
    slack_id: identity.slackId,
    graph_id: identity.graphId,
  };
  return ACCOUNT_KINDS.flatMap((kind) => {
    const value = raw[kind];
    if (value === undefined || value === null) return [];
    const normalised = normalizeAccountValue(kind, value);
    return normalised === '' ? [] : [[kind, normalised] as [AccountKind, string]];
  });
}

/**
 * The normalised key of one account: the kind's prefix and the normalised value. Null for an unknown
 * kind or an empty value.
 *
 * @example accountKey('email', ' Lea@Acme.io ') // 'email:lea@acme.io'
 */
export function accountKey(kind: string, value: string | number): string | null {
  const prefix = KEY_PREFIX[kind as AccountKind];
  if (!prefix) return null;
  const v = normalizeAccountValue(kind as AccountKind, value);
  return v === '' ? null : `${prefix}:${v}`;
}

/**
 * Every normalised account key an identity carries (an event's actor or target).
 *
 * @example identityAccountKeys({ email: 'Lea@acme.io', githubLogin: 'Lea' }) // ['email:lea@acme.io', 'gh:lea']
 */
export function identityAccountKeys(identity: Identity | Target): string[] {
  return identityAccountValues(identity).map(([kind, value]) => `${KEY_PREFIX[kind]}:${value}`);
}
