import type { ActivityEvent } from '@pushpull/core';
import { githubEvent } from './github-event';
import { githubTargets, isPerson, mentionCandidates } from './github-people';
import type { GithubPull, GithubReview } from './github-schemas';

/**
 * `github.pull_request_review.submitted` from an item of `/pulls/{n}/reviews` and its pull
 * request: the reviewer answers the PR's author (`author` target), plus @mentions;
 * `attributes.state` is GitHub's state in lower case (`approved`, `changes_requested`,
 * `commented`, `dismissed`). Null for pending (unsubmitted) reviews and bots.
 *
 * @example mapReview('panjf2000/ants', review, pull)?.attributes.state // 'changes_requested'
 */
export function mapReview(repo: string, review: GithubReview, pr: GithubPull): ActivityEvent | null {
  if (!review.submitted_at || review.state.toUpperCase() === 'PENDING') return null;
  if (!isPerson(review.user)) return null;
  return githubEvent(repo, {
    kind: 'review',
    nativeId: review.id,
    type: 'github.pull_request_review.submitted',
    occurredAt: review.submitted_at,
    actor: review.user,
    targets: githubTargets(review.user, [
      { user: pr.user, role: 'author' },
      ...mentionCandidates(review.body),
    ]),
    number: pr.number,
    subject: pr.title,
    text: review.body,
    url: review.html_url,
    attributes: { state: review.state.toLowerCase() },
  });
}
