import type { ActivityEvent } from '@pushpull/core';
import { githubOpenedEvent } from './github-post-event';
import type { GithubPull } from './github-schemas';

/**
 * `github.pull_request.opened` from an item of `/pulls`: the author pushes the change to the
 * people @mentioned in the description. Null when a bot opened it.
 *
 * @example mapPullRequest('panjf2000/ants', pull)?.id // 'github:panjf2000/ants:pull_request:4:opened'
 */
export function mapPullRequest(repo: string, pr: GithubPull): ActivityEvent | null {
  return githubOpenedEvent(repo, 'pull_request', pr, pr.draft ? { draft: true } : {});
}
