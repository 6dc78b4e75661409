import type { Identity, Target } from '@pushpull/core';

/** Anything that can turn an identity into a person id; an `OrgChart` is one. */
export interface IdentityResolver {
  resolve(identity: Identity | Target): string | null;
}

/**
 * A stable key for an identity: its person id when the resolver knows it, otherwise the first of
 * `email:<lower-cased address>`, `gh:<lower-cased login>`, `ghid:<id>`, `slack:<id>`, `graph:<id>`.
 * Keys let the conversation memory match a puller with a later responder across tools.
 *
 * @example
 * identityKey({ githubLogin: 'Ada' }) === 'gh:ada';
 * identityKey({ githubLogin: 'Ada' }, org) === 'p:ada@acme.com'; // when the chart knows the login
 */
export function identityKey(identity: Identity | Target, resolver?: IdentityResolver): string {
  const personId = resolver?.resolve(identity) ?? null;
  if (personId !== null) return personId;
  if (identity.email) return `email:${identity.email.trim().toLowerCase()}`;
  if (identity.githubLogin) return `gh:${identity.githubLogin.trim().toLowerCase()}`;
  if (identity.githubId !== undefined) return `ghid:${identity.githubId}`;
  if (identity.slackId) return `slack:${identity.slackId.trim()}`;
  if (identity.graphId) return `graph:${identity.graphId.trim().toLowerCase()}`;
  return 'unknown:';
}
