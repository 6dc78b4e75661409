import type { ActivityEvent } from '@pushpull/core';
import { githubCommentEvent } from './github-post-event';
import type { GithubIssueComment } from './github-schemas';

/**
 * `github.issue_comment.created` from an item of `/issues/comments` (on an issue or a pull
 * request), targeting the people it @mentions. GitHub does not thread these comments, so
 * `inReplyTo` stays null. Null for bots.
 *
 * @example mapIssueComment('panjf2000/ants', comment)?.conversationId // 'github:panjf2000/ants:issue:4'
 */
export function mapIssueComment(repo: string, comment: GithubIssueComment): ActivityEvent | null {
  return githubCommentEvent(repo, comment, comment.issue_url, {
    kind: 'issue_comment',
    type: 'github.issue_comment.created',
  });
}
