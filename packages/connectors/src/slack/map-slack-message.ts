import { type ActivityEvent, eventId, type Identity, type Target, type TargetRole } from '@pushpull/core';
import { SLACKBOT_ID, slackAuthorId, slackMessageKind } from './slack-message-kind';
import type { SlackMessage } from './slack-schemas';
import { slackTsToIso } from './slack-ts';

/** A Slack account as `users.list` describes it. */
export interface SlackUserInfo {
  id: string;
  /** Only when the token has `users:read.email`. */
  email?: string | undefined;
  name?: string | undefined;
  isBot: boolean;
}

/** ActivityEvent `attributes.channelType` values (docs/contracts.md §2). */
export type SlackChannelType = 'public' | 'private' | 'im' | 'mpim';

/** The conversation a message was posted in. */
export interface SlackChannelInfo {
  id: string;
  name?: string | undefined;
  type: SlackChannelType;
  /** For an IM: the other party as Slack reports it to the token's user. */
  imUserId?: string | undefined;
  /** Member ids when known (needed for MPIM targets). */
  memberIds?: readonly string[] | undefined;
  /** People (not bots) in the conversation, or null when unknown. */
  size: number | null;
}

/** Everything the mapping needs besides the message. All plain data: the mapping is pure. */
export interface SlackMappingContext {
  /** The workspace (team) id, the scope part of event ids. */
  teamId: string;
  /** The workspace URL (`auth.test` `url`), e.g. `https://acme.slack.com/`, for permalinks. */
  workspaceUrl: string;
  channel: SlackChannelInfo;
  users: ReadonlyMap<string, SlackUserInfo>;
  /** The user the token belongs to (the other side of an IM whose `user` is the author). */
  authUserId: string | null;
}

/** What the connector knows about the thread of a reply (from `conversations.replies`). */
export interface SlackThreadInfo {
  /** The author of the thread's parent, when known. */
  parentUserId?: string | undefined;
}

/** The id of the event of a Slack message: `slack:{team}:message:{channel}:{ts}`. */
export function slackMessageEventId(teamId: string, channelId: string, ts: string): string {
  return eventId('slack', teamId, 'message', `${channelId}:${ts}`);
}

/** The conversation id of a channel (`threadTs` absent) or of a thread. */
export function slackConversationId(teamId: string, channelId: string, threadTs?: string): string {
  return threadTs ? `slack:${teamId}:${channelId}:${threadTs}` : `slack:${teamId}:${channelId}`;
}

/**
 * The permalink of a message, in the form Slack's `chat.getPermalink` returns:
 * `{workspace}/archives/{channel}/p{ts without dot}` plus `?thread_ts=…&cid=…` for a thread reply.
 *
 * @example slackPermalink('https://acme.slack.com/', 'C1', '1459332060.000102', '1459332000.000101')
 * // 'https://acme.slack.com/archives/C1/p1459332060000102?thread_ts=1459332000.000101&cid=C1'
 */
export function slackPermalink(
  workspaceUrl: string,
  channelId: string,
  ts: string,
  threadTs?: string,
): string {
  const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
  const link = `${base}archives/${channelId}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${link}?thread_ts=${threadTs}&cid=${channelId}` : link;
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** The user ids mentioned as `<@U…>` or `<@U…|name>` in a Slack text, in order, without repeats. */
export function slackMentions(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1] as string))];
}

/**
 * Maps one Slack message to a `slack.message.posted` ActivityEvent, or null when it is not activity
 * (system and bot messages). Pure: the same message and context give the same event.
 *
 * - actor: the author (`user`, or `comment.user` of a legacy file comment), with email when known;
 * - targets: the IM's other party as `dm`, the other people of an MPIM as `dm`, a reply's thread
 *   parent author as `author`, `<@U…>` mentions as `mention` — one target per person, never the
 *   actor, never a bot;
 * - conversationId: the thread for replies and for parents that have replies, else the channel;
 *   inReplyTo: the parent's event id for replies (thread broadcasts included);
 * - audience: `{ kind: 'channel', id, size }` — a channel post is one broadcast, not N pushes;
 * - a deleted thread parent (Slack's tombstone) is recorded with `text: null` and
 *   `attributes.deleted: true`, attributed to its author (from its replies' `parent_user_id`).
 * Edits change nothing: the id depends on channel and ts only, and the `edited` mark is ignored.
 *
 * @example
 * const event = mapSlackMessage({ ts: '1459332000.000101', user: 'U1', text: 'hi <@U2>' }, context);
 * // event?.targets → [{ slackId: 'U2', role: 'mention' }]
 */
export function mapSlackMessage(
  message: SlackMessage,
  context: SlackMappingContext,
  thread: SlackThreadInfo = {},
): ActivityEvent | null {
  const { users, channel, teamId } = context;
  const isBot = (id: string) => id === SLACKBOT_ID || users.get(id)?.isBot === true;
  const kind = slackMessageKind(message, isBot);
  if (kind === 'system' || kind === 'bot') return null;

  const deleted = kind === 'deleted';
  const threadTs = message.thread_ts ?? undefined;
  const isReply = !!threadTs && threadTs !== message.ts;
  const isParent = !!threadTs && threadTs === message.ts && (message.reply_count ?? 1) > 0;
  const parentUserId = message.parent_user_id ?? message.root?.user ?? thread.parentUserId;
  const actorId = deleted ? parentUserId : slackAuthorId(message);
  if (!actorId || isBot(actorId)) return null;

  const targets = new Map<string, TargetRole>();
  const addTarget = (id: string | null | undefined, role: TargetRole) => {
    if (!id || id === actorId || isBot(id) || targets.has(id)) return;
    targets.set(id, role);
  };
  if (channel.type === 'im') {
    addTarget(channel.imUserId === actorId ? context.authUserId : channel.imUserId, 'dm');
  }
  if (channel.type === 'mpim') {
    for (const id of channel.memberIds ?? []) addTarget(id, 'dm');
  }
  if (isReply) addTarget(parentUserId, 'author');
  const text = message.subtype === 'file_comment' ? message.comment?.comment : message.text;
  if (!deleted) for (const id of slackMentions(text)) addTarget(id, 'mention');

  const attributes: Record<string, unknown> = { channelType: channel.type };
  if (channel.name) attributes.channelName = channel.name;
  if (message.subtype) attributes.subtype = message.subtype;
  if (threadTs) attributes.threadTs = threadTs;
  if (message.subtype === 'thread_broadcast') attributes.threadBroadcast = true;
  const fileCount = (message.files?.length ?? 0) + (message.file ? 1 : 0);
  if (fileCount > 0) attributes.files = fileCount;
  if (deleted) attributes.deleted = true;

  return {
    id: slackMessageEventId(teamId, channel.id, message.ts),
    source: 'slack',
    type: 'slack.message.posted',
    occurredAt: slackTsToIso(message.ts),
    actor: identityOf(actorId, users),
    targets: [...targets].map(([id, role]): Target => ({ ...identityOf(id, users), role })),
    conversationId: slackConversationId(teamId, channel.id, isReply || isParent ? threadTs : undefined),
    inReplyTo: isReply && threadTs ? slackMessageEventId(teamId, channel.id, threadTs) : null,
    text: deleted ? null : (text ?? null),
    url: slackPermalink(context.workspaceUrl, channel.id, message.ts, isReply ? threadTs : undefined),
    audience: { kind: 'channel', id: channel.id, size: channel.size },
    attributes,
  };
}

function identityOf(id: string, users: ReadonlyMap<string, SlackUserInfo>): Identity {
  const user = users.get(id);
  return {
    slackId: id,
    ...(user?.email ? { email: user.email } : {}),
    ...(user?.name ? { name: user.name } : {}),
  };
}
