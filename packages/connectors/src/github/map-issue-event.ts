import type { ActivityEvent } from '@pushpull/core';
import { githubEvent } from './github-event';
import { githubTargets, isPerson } from './github-people';
import type { GithubIssueEvent } from './github-schemas';

/**
 * The ActivityEvent of an item of `/issues/events`, for the kinds that are communication:
 * `assigned` → `github.issue.assigned` (the assigner pushes work to the `assignee`) and
 * `review_requested` → `github.pull_request.review_requested` (the requester pulls a review from
 * the `reviewer`; a team request keeps `attributes.requestedTeam`). Other kinds (labeled, closed,
 * …) and bot actors give null.
 *
 * @example mapIssueEvent('panjf2000/ants', assigned)?.targets // [{ githubLogin: 'alice', githubId: 1, role: 'assignee' }]
 */
export function mapIssueEvent(repo: string, item: GithubIssueEvent): ActivityEvent | null {
  if (!item.issue) return null;
  const issue = item.issue;
  const common = {
    kind: 'issue_event',
    nativeId: item.id,
    occurredAt: item.created_at,
    number: issue.number,
    subject: issue.title,
    url: issue.html_url,
  };
  if (item.event === 'assigned') {
    if (!isPerson(item.actor)) return null;
    return githubEvent(repo, {
      ...common,
      type: 'github.issue.assigned',
      actor: item.actor,
      targets: githubTargets(item.actor, [{ user: item.assignee, role: 'assignee' }]),
    });
  }
  if (item.event === 'review_requested') {
    const requester = item.review_requester ?? item.actor;
    if (!isPerson(requester)) return null;
    return githubEvent(repo, {
      ...common,
      type: 'github.pull_request.review_requested',
      actor: requester,
      targets: githubTargets(requester, [{ user: item.requested_reviewer, role: 'reviewer' }]),
      attributes: item.requested_team ? { requestedTeam: item.requested_team.slug } : {},
    });
  }
  return null;
}
