import { type ActivityEvent, ActivityEventSchema, type Target } from '@pushpull/core';
import type { CorpusItem } from './corpus-item';

/** When a GitHub thread without timestamps is taken to start; its items are one minute apart. */
const GITHUB_EPOCH = Date.parse('2020-01-01T00:00:00Z');

const slackId = (handle: string) => `U${handle.replace(/[^A-Za-z0-9]/g, '').toUpperCase() || 'X'}`;

/** A chat line's addressees: "nick: …" / "nick, …" at the start, or "@nick" anywhere, for nicks of the conversation. */
function chatMentions(text: string, participants: ReadonlySet<string>, author: string): string[] {
  const out = new Set<string>();
  const lead = /^\s*@?([^\s:,]+)\s*[:,]/.exec(text)?.[1];
  if (lead && participants.has(lead.toLowerCase())) out.add(lead.toLowerCase());
  for (const m of text.matchAll(/@([\w.-]+)/g)) {
    const nick = (m[1] ?? '').toLowerCase();
    if (participants.has(nick)) out.add(nick);
  }
  out.delete(author.toLowerCase());
  return [...out];
}

/** The event id of `nick`'s latest line before `index`, or null. */
function replyTarget(thread: readonly CorpusItem[], index: number, nick: string | undefined): string | null {
  if (!nick) return null;
  for (let i = index - 1; i >= 0; i--) {
    if ((thread[i]?.author ?? '').toLowerCase() === nick) return `corpus:${thread[i]?.id}`;
  }
  return null;
}

/**
 * The ActivityEvents of one corpus thread, shaped as the connectors shape them (docs/contracts.md §2), in the
 * thread's order: email as `outlook.message.sent` from its sender to its to/cc; chat as
 * `slack.message.posted` in a channel whose audience is the conversation's participants, addressed to
 * the nicks it names and replying to the latest line of the first of them; GitHub as `github.issue.opened` (the opening post, titled) or
 * `github.issue_comment.created` (comments and sentences) addressed to the issue's author. The data
 * sets carry no GitHub authors: the opening post's author is one person, every other comment another.
 *
 * @example corpusEvents(thread)[0].type // 'slack.message.posted'
 */
export function corpusEvents(thread: readonly CorpusItem[]): ActivityEvent[] {
  const first = thread[0];
  if (!first) return [];
  const conversationId = `corpus:${first.thread}`;
  const participants = new Set(thread.map((i) => (i.author ?? '').toLowerCase()));
  return thread.map((item, index) => {
    const base = { id: `corpus:${item.id}`, conversationId, text: item.text, attributes: {} };
    if (item.source === 'email') {
      const targets: Target[] = [
        ...(item.to ?? []).map((email) => ({ email, role: 'to' as const })),
        ...(item.cc ?? []).map((email) => ({ email, role: 'cc' as const })),
      ];
      const size = (item.toCount ?? 0) + (item.ccCount ?? 0);
      return ActivityEventSchema.parse({
        ...base,
        source: 'outlook',
        type: 'outlook.message.sent',
        occurredAt: new Date(Date.parse(item.date ?? '2001-01-01T00:00:00Z')).toISOString(),
        actor: { email: item.author ?? 'unknown@enron.com' },
        targets,
        subject: item.subject ?? null,
        audience: size > targets.length ? { kind: 'distribution-list', id: null, size } : null,
      });
    }
    if (item.source === 'chat') {
      const author = item.author ?? 'anonymous';
      const mentions = chatMentions(item.text, participants, author);
      const at = Date.parse(`${item.date ?? '2020-01-01T00:00'}Z`);
      return ActivityEventSchema.parse({
        ...base,
        source: 'slack',
        type: 'slack.message.posted',
        occurredAt: new Date((Number.isNaN(at) ? GITHUB_EPOCH : at) + index).toISOString(),
        actor: { slackId: slackId(author) },
        // A line that names someone replies to that person's latest line, as a Slack reply would; the
        // others stand in the channel, unthreaded.
        inReplyTo: replyTarget(thread, index, mentions[0]),
        targets: mentions.map((nick) => ({
          slackId: slackId(nick),
          role: 'mention' as const,
        })),
        audience: { kind: 'channel', id: item.community ?? null, size: participants.size },
        attributes: { channelType: 'public' },
      });
    }
    const byIssueAuthor = item.kind === 'issue' || item.byIssueAuthor === true;
    const issueAuthor = `issue-author-${first.id}`;
    return ActivityEventSchema.parse({
      ...base,
      source: 'github',
      type: item.kind === 'issue' ? 'github.issue.opened' : 'github.issue_comment.created',
      occurredAt: new Date(GITHUB_EPOCH + index * 60_000).toISOString(),
      actor: { githubLogin: byIssueAuthor ? issueAuthor : `commenter-${item.id}` },
      targets: byIssueAuthor ? [] : [{ githubLogin: issueAuthor, role: 'author' as const }],
      subject: item.kind === 'issue' ? (item.subject ?? null) : null,
    });
  });
}
