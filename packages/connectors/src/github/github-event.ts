import { type ActivityEvent, eventId, type Target } from '@pushpull/core';
import { githubIdentity } from './github-people';
import type { GithubUser } from './github-schemas';

/** The conversation of an issue or pull request (they share one number space): `github:o/r:issue:N`. */
export function githubConversationId(repo: string, number: number): string {
  return `github:${repo}:issue:${number}`;
}

/** The issue or pull request number at the end of an API URL (`…/issues/12`, `…/pulls/12`), or null. */
export function numberFromApiUrl(url: string): number | null {
  const m = /\/(?:issues|pulls)\/(\d+)$/.exec(url);
  return m ? Number(m[1]) : null;
}

/** The parts of a GitHub ActivityEvent that differ between kinds. */
export interface GithubEventParts {
  kind: string;
  nativeId: string | number;
  type: string;
  occurredAt: string;
  actor: GithubUser;
  targets: Target[];
  number: number;
  subject?: string | null;
  text?: string | null;
  url: string;
  inReplyTo?: string | null;
  attributes?: Record<string, unknown>;
}

/** Normalises a GitHub timestamp to ISO 8601 UTC (`2018-07-25T02:01:02Z` stays as is). */
function isoTime(value: string): string {
  return /Z$/.test(value) ? value : new Date(value).toISOString();
}

/**
 * Assembles a GitHub ActivityEvent: deterministic id `github:o/r:kind:nativeId`, the repository as
 * audience, the issue/PR as conversation, `attributes.number` always set.
 *
 * @example githubEvent('acme/api', { kind: 'issue_comment', nativeId: 42, type: 'github.issue_comment.created', … })
 */
export function githubEvent(repo: string, p: GithubEventParts): ActivityEvent {
  return {
    id: eventId('github', repo, p.kind, p.nativeId),
    source: 'github',
    type: p.type,
    occurredAt: isoTime(p.occurredAt),
    actor: githubIdentity(p.actor),
    targets: p.targets,
    conversationId: githubConversationId(repo, p.number),
    inReplyTo: p.inReplyTo ?? null,
    subject: p.subject ?? null,
    text: p.text ? p.text : null,
    url: p.url,
    audience: { kind: 'repo', id: repo, size: null },
    attributes: { number: p.number, ...p.attributes },
  };
}
