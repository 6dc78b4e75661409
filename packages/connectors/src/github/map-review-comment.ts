import { type ActivityEvent, eventId } from '@pushpull/core';
import { githubEvent, numberFromApiUrl } from './github-event';
import { githubTargets, isPerson, mentionCandidates } from './github-people';
import type { GithubReviewComment } from './github-schemas';

/**
 * `github.pull_request_review_comment.created` from an item of `/pulls/comments`. A reply in a
 * review thread (`in_reply_to_id`) gets `inReplyTo` = the event id of the comment it answers.
 * Targets are the people it @mentions. Null for bots.
 *
 * @example mapReviewComment('panjf2000/ants', reply)?.inReplyTo // 'github:panjf2000/ants:review_comment:300245643'
 */
export function mapReviewComment(repo: string, comment: GithubReviewComment): ActivityEvent | null {
  const number = numberFromApiUrl(comment.pull_request_url);
  if (!isPerson(comment.user) || number === null) return null;
  return githubEvent(repo, {
    kind: 'review_comment',
    nativeId: comment.id,
    type: 'github.pull_request_review_comment.created',
    occurredAt: comment.created_at,
    actor: comment.user,
    targets: githubTargets(comment.user, mentionCandidates(comment.body)),
    number,
    text: comment.body,
    url: comment.html_url,
    inReplyTo: comment.in_reply_to_id
      ? eventId('github', repo, 'review_comment', comment.in_reply_to_id)
      : null,
    attributes: comment.pull_request_review_id ? { reviewId: comment.pull_request_review_id } : {},
  });
}
