import type { ActivityEvent } from '@pushpull/core';
import { githubOpenedEvent } from './github-post-event';
import type { GithubIssue } from './github-schemas';

/**
 * `github.issue.opened` from an item of `/issues`. Null for pull requests (`/issues` lists them
 * too; they come from `/pulls`) and for issues a bot opened.
 *
 * @example mapIssue('panjf2000/ants', issue)?.type // 'github.issue.opened'
 */
export function mapIssue(repo: string, issue: GithubIssue): ActivityEvent | null {
  if (issue.pull_request !== undefined && issue.pull_request !== null) return null;
  return githubOpenedEvent(repo, 'issue', issue);
}
