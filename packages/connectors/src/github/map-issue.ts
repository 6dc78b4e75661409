import type { ActivityEvent } from '@pushpull/core';
import { githubEvent } from './github-event';
import { githubTargets, isPerson, mentionCandidates } from './github-people';
import type { GithubIssue } from './github-schemas';

/**
 * `github.issue.opened` from an item of `/issues`. Null for pull requests (`/issues` lists them
 * too; they come from `/pulls`) and for issues a bot opened.
 *
 * @example mapIssue('panjf2000/ants', issue)?.type // 'github.issue.opened'
 */
export function mapIssue(repo: string, issue: GithubIssue): ActivityEvent | null {
  if (issue.pull_request !== undefined && issue.pull_request !== null) return null;
  if (!isPerson(issue.user)) return null;
  return githubEvent(repo, {
    kind: 'issue',
    nativeId: `${issue.number}:opened`,
    type: 'github.issue.opened',
    occurredAt: issue.created_at,
    actor: issue.user,
    targets: githubTargets(issue.user, mentionCandidates(issue.body)),
    number: issue.number,
    subject: issue.title,
    text: issue.body,
    url: issue.html_url,
  });
}
