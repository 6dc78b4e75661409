import type { SlackMessage } from './slack-schemas';

/**
 * What a Slack message is for pushpull (docs/contracts.md §8.2):
 * - `activity`: a person wrote something — a plain message, a file share, a thread reply, a thread
 *   broadcast, a `/me` message or a (legacy) file comment;
 * - `deleted`: a thread parent that was deleted while it had replies (Slack keeps a `tombstone`);
 * - `system`: joins, leaves, topic/purpose/name changes, pins, channel archive…, and hidden messages;
 * - `bot`: anything posted by a bot, an app, an integration or Slackbot.
 */
export type SlackMessageKind = 'activity' | 'deleted' | 'system' | 'bot';

/** Subtypes written by a person. Every other subtype is a system or bot message. */
const PERSON_SUBTYPES: ReadonlySet<string> = new Set([
  '',
  'file_share',
  'thread_broadcast',
  'me_message',
  'file_comment',
]);

/** Slack's own bot, present in every workspace with `is_bot: false`. */
export const SLACKBOT_ID = 'USLACKBOT';

/** The Slack user id of the person who wrote a message (file comments keep it in `comment.user`). */
export function slackAuthorId(message: SlackMessage): string | undefined {
  const id = message.subtype === 'file_comment' ? message.comment?.user : message.user;
  return id || undefined;
}

/**
 * Sorts a message into activity, a deleted thread parent, a system message or a bot message.
 * `isBotUser` says whether a user id belongs to a bot user (from `users.list`).
 *
 * @example
 * slackMessageKind({ ts: '1.000001', subtype: 'channel_join', user: 'U1' }, () => false) // 'system'
 */
export function slackMessageKind(
  message: SlackMessage,
  isBotUser: (userId: string) => boolean,
): SlackMessageKind {
  const subtype = message.subtype ?? '';
  if (subtype === 'tombstone') {
    return message.thread_ts === message.ts ? 'deleted' : 'system';
  }
  if (subtype === 'bot_message' || subtype === 'bot_add' || subtype === 'bot_remove') return 'bot';
  if (message.bot_id) return 'bot';
  if (!PERSON_SUBTYPES.has(subtype) || message.hidden) return 'system';
  const author = slackAuthorId(message);
  if (!author) return 'system';
  if (author === SLACKBOT_ID || isBotUser(author)) return 'bot';
  return 'activity';
}
