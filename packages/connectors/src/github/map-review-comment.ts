import { type ActivityEvent, eventId } from '@pushpull/core';
import { githubCommentEvent } from './github-post-event';
import type { GithubReviewComment } from './github-schemas';

/**
 * `github.pull_request_review_comment.created` from an item of `/pulls/comments`. A reply in a
 * review thread (`in_reply_to_id`) gets `inReplyTo` = the event id of the comment it answers.
 * Targets are the people it @mentions. Null for bots.
 *
 * @example mapReviewComment('panjf2000/ants', reply)?.inReplyTo // 'github:panjf2000/ants:review_comment:300245643'
 */
export function mapReviewComment(repo: string, comment: GithubReviewComment): ActivityEvent | null {
  return githubCommentEvent(repo, comment, comment.pull_request_url, {
    kind: 'review_comment',
    type: 'github.pull_request_review_comment.created',
    inReplyTo: comment.in_reply_to_id
      ? eventId('github', repo, 'review_comment', comment.in_reply_to_id)
      : null,
    attributes: comment.pull_request_review_id ? { reviewId: comment.pull_request_review_id } : {},
  });
}
