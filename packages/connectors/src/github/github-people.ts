import type { Identity, Target, TargetRole } from '@pushpull/core';
import { extractMentions } from './extract-mentions';
import type { GithubUser } from './github-schemas';

/**
 * True when a GitHub account is a person: not a bot (`type: Bot` or a login ending in `[bot]`),
 * not an organisation, not a mannequin. Bots are not people (docs/contracts.md §8.1).
 *
 * @example isPerson({ login: 'codecov[bot]', id: 1, type: 'Bot' }) // false
 */
export function isPerson(user: GithubUser | null | undefined): user is GithubUser {
  if (!user) return false;
  if (user.login.toLowerCase().endsWith('[bot]')) return false;
  return user.type === undefined || user.type === 'User';
}

/** The identity of a GitHub account. */
export function githubIdentity(user: GithubUser): Identity {
  return { githubLogin: user.login, githubId: user.id };
}

/** A target candidate: an account with its role. Logins alone (mentions) have no id. */
export interface TargetCandidate {
  user: GithubUser | { login: string; id?: undefined; type?: undefined } | null | undefined;
  role: TargetRole;
}

/**
 * The targets of an event: people only, never the actor, one entry per login (the first role
 * listed wins, so put explicit roles before mentions).
 *
 * @example githubTargets(actor, [{ user: reviewer, role: 'reviewer' }, ...mentions])
 */
export function githubTargets(actor: GithubUser, candidates: readonly TargetCandidate[]): Target[] {
  const seen = new Set([actor.login.toLowerCase()]);
  const targets: Target[] = [];
  for (const { user, role } of candidates) {
    if (!user || !isPerson(user as GithubUser)) continue;
    const key = user.login.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(
      user.id === undefined
        ? { githubLogin: user.login, role }
        : { githubLogin: user.login, githubId: user.id, role },
    );
  }
  return targets;
}

/**
 * The people a Markdown body @mentions, as target candidates with role `mention`.
 *
 * @example githubTargets(comment.user, mentionCandidates(comment.body))
 */
export function mentionCandidates(body: string | null | undefined): TargetCandidate[] {
  return extractMentions(body).map((login) => ({ user: { login }, role: 'mention' as const }));
}
