import type { ActivityEvent } from '@pushpull/core';
import { type GithubEventParts, githubEvent, numberFromApiUrl } from './github-event';
import { githubTargets, isPerson, mentionCandidates } from './github-people';
import type { GithubUser } from './github-schemas';

/** What an issue, a pull request and a comment all carry: who wrote it, the text, when, and where to read it. */
export interface GithubPost {
  user: GithubUser | null;
  body?: string | null;
  created_at: string;
  html_url: string;
}

/**
 * Assembles the ActivityEvent of something a person wrote on GitHub: `githubEvent` with the author
 * as actor, the people the body @mentions as targets, the body as text, and the post's time and
 * URL. Null when a bot (or nobody) wrote it.
 *
 * @example githubPostEvent('acme/api', comment, { kind: 'issue_comment', nativeId: comment.id, type: 'github.issue_comment.created', number: 4 })
 */
export function githubPostEvent(
  repo: string,
  post: GithubPost,
  parts: Omit<GithubEventParts, 'occurredAt' | 'actor' | 'targets' | 'text' | 'url'>,
): ActivityEvent | null {
  if (!isPerson(post.user)) return null;
  return githubEvent(repo, {
    ...parts,
    occurredAt: post.created_at,
    actor: post.user,
    targets: githubTargets(post.user, mentionCandidates(post.body)),
    text: post.body,
    url: post.html_url,
  });
}

/**
 * `github.<kind>.opened` for an issue or a pull request: id `<number>:opened`, its title as subject.
 * Null when a bot opened it.
 *
 * @example githubOpenedEvent('acme/api', 'issue', issue)?.id // 'github:acme/api:issue:4:opened'
 */
export function githubOpenedEvent(
  repo: string,
  kind: 'issue' | 'pull_request',
  item: GithubPost & { number: number; title: string },
  attributes: Record<string, unknown> = {},
): ActivityEvent | null {
  return githubPostEvent(repo, item, {
    kind,
    nativeId: `${item.number}:opened`,
    type: `github.${kind}.opened`,
    number: item.number,
    subject: item.title,
    attributes,
  });
}

/**
 * The event of a comment with id `comment.id`, on the issue or pull request whose API URL is
 * `parentUrl`. Null when a bot wrote it or the URL names no number.
 *
 * @example githubCommentEvent('acme/api', comment, comment.issue_url, { kind: 'issue_comment', type: 'github.issue_comment.created' })
 */
export function githubCommentEvent(
  repo: string,
  comment: GithubPost & { id: number },
  parentUrl: string,
  parts: Pick<GithubEventParts, 'kind' | 'type' | 'inReplyTo' | 'attributes'>,
): ActivityEvent | null {
  const number = numberFromApiUrl(parentUrl);
  if (number === null) return null;
  return githubPostEvent(repo, comment, { ...parts, nativeId: comment.id, number });
}
