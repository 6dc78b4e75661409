import type { ActivityEvent } from '@pushpull/core';
import { githubEvent, numberFromApiUrl } from './github-event';
import { githubTargets, isPerson, mentionCandidates } from './github-people';
import type { GithubIssueComment } from './github-schemas';

/**
 * `github.issue_comment.created` from an item of `/issues/comments` (on an issue or a pull
 * request), targeting the people it @mentions. GitHub does not thread these comments, so
 * `inReplyTo` stays null. Null for bots.
 *
 * @example mapIssueComment('panjf2000/ants', comment)?.conversationId // 'github:panjf2000/ants:issue:4'
 */
export function mapIssueComment(repo: string, comment: GithubIssueComment): ActivityEvent | null {
  const number = numberFromApiUrl(comment.issue_url);
  if (!isPerson(comment.user) || number === null) return null;
  return githubEvent(repo, {
    kind: 'issue_comment',
    nativeId: comment.id,
    type: 'github.issue_comment.created',
    occurredAt: comment.created_at,
    actor: comment.user,
    targets: githubTargets(comment.user, mentionCandidates(comment.body)),
    number,
    text: comment.body,
    url: comment.html_url,
  });
}
