import type { ActivityEvent } from '@pushpull/core';
import { githubEvent } from './github-event';
import { githubTargets, isPerson, mentionCandidates } from './github-people';
import type { GithubPull } from './github-schemas';

/**
 * `github.pull_request.opened` from an item of `/pulls`: the author pushes the change to the
 * people @mentioned in the description. Null when a bot opened it.
 *
 * @example mapPullRequest('panjf2000/ants', pull)?.id // 'github:panjf2000/ants:pull_request:4:opened'
 */
export function mapPullRequest(repo: string, pr: GithubPull): ActivityEvent | null {
  if (!isPerson(pr.user)) return null;
  return githubEvent(repo, {
    kind: 'pull_request',
    nativeId: `${pr.number}:opened`,
    type: 'github.pull_request.opened',
    occurredAt: pr.created_at,
    actor: pr.user,
    targets: githubTargets(pr.user, mentionCandidates(pr.body)),
    number: pr.number,
    subject: pr.title,
    text: pr.body,
    url: pr.html_url,
    attributes: pr.draft ? { draft: true } : {},
  });
}
