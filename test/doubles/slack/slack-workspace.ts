import type { SlackSeed, SlackSeedConversation, SlackSeedMessage, SlackSeedUser } from './slack-seed';

/** Compares two Slack timestamps ("seconds.sequence") numerically. */
export function compareSlackTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  const bySeconds = Number(as) - Number(bs);
  return bySeconds !== 0 ? bySeconds : Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/** A time window as Slack's `oldest`/`latest`/`inclusive` arguments describe it. */
export interface TsRange {
  oldest?: string | undefined;
  latest?: string | undefined;
  inclusive?: boolean | undefined;
}

function inRange(ts: string, range: TsRange): boolean {
  if (range.oldest !== undefined) {
    const c = compareSlackTs(ts, range.oldest);
    if (c < 0 || (c === 0 && !range.inclusive)) return false;
  }
  if (range.latest !== undefined) {
    const c = compareSlackTs(ts, range.latest);
    if (c > 0 || (c === 0 && !range.inclusive)) return false;
  }
  return true;
}

export type ConversationType = 'public_channel' | 'private_channel' | 'im' | 'mpim';

/** Which kind of conversation this is, in `conversations.list` `types` terms. */
export function conversationType(c: SlackSeedConversation): ConversationType {
  if (c.is_im) return 'im';
  if (c.is_mpim) return 'mpim';
  return c.is_private ? 'private_channel' : 'public_channel';
}

/** Input of `SlackWorkspace.post`. */
export interface PostMessageInput {
  channel: string;
  user?: string;
  text?: string;
  /** Makes it a thread reply to the message with this ts. */
  thread_ts?: string;
  /** A thread reply also sent to the channel (subtype `thread_broadcast`). */
  reply_broadcast?: boolean;
  subtype?: string;
  bot_id?: string;
  /** Extra message fields (files, attachments…). */
  extra?: Record<string, unknown>;
}

/**
 * The state of one Slack workspace and the queries of the Web API methods over it, with Slack's
 * semantics: history newest first (top-level messages and thread broadcasts, never plain replies),
 * thread parents decorated with `reply_count`/`latest_reply`/`reply_users`, replies oldest first with
 * the parent in front, `parent_user_id` on replies, deleted thread parents as `tombstone`s.
 */
export class SlackWorkspace {
  readonly team: SlackSeed['team'];
  private readonly users: SlackSeedUser[];
  private readonly conversations = new Map<string, SlackSeedConversation>();
  private readonly messages = new Map<string, SlackSeedMessage[]>();
  private lastTs = '0.000000';

  constructor(seed: SlackSeed) {
    const copy = structuredClone(seed);
    this.team = copy.team;
    this.users = copy.users;
    for (const c of copy.conversations) this.conversations.set(c.id, c);
    for (const c of copy.conversations) {
      const list = [...(copy.messages[c.id] ?? [])].sort((a, b) => compareSlackTs(a.ts, b.ts));
      this.messages.set(c.id, list);
      const last = list.at(-1);
      if (last && compareSlackTs(last.ts, this.lastTs) > 0) this.lastTs = last.ts;
    }
  }

  listUsers(): SlackSeedUser[] {
    return this.users;
  }

  user(id: string): SlackSeedUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  conversation(id: string): SlackSeedConversation | undefined {
    return this.conversations.get(id);
  }

  allConversations(): SlackSeedConversation[] {
    return [...this.conversations.values()];
  }

  /** Top-level messages (and thread broadcasts) in the range, newest first. */
  history(channel: string, range: TsRange): SlackSeedMessage[] {
    const list = this.messages.get(channel) ?? [];
    return list
      .filter((m) => isTopLevel(m) && inRange(m.ts, range))
      .map((m) => this.decorate(channel, m))
      .reverse();
  }

  /** The thread parent then its replies in the range, oldest first; undefined when no such thread. */
  replies(channel: string, threadTs: string, range: TsRange): SlackSeedMessage[] | undefined {
    const list = this.messages.get(channel) ?? [];
    const parent = list.find((m) => m.ts === threadTs);
    if (!parent) return undefined;
    const replies = list.filter((m) => m.thread_ts === threadTs && m.ts !== threadTs && inRange(m.ts, range));
    return [this.decorate(channel, parent), ...replies.map((m) => this.decorate(channel, m))];
  }

  /** Adds a message now (per `now`) and returns it; a reply updates its parent's thread fields. */
  post(input: PostMessageInput, now: number): SlackSeedMessage {
    const list = this.messages.get(input.channel);
    if (!list) throw new Error(`slack double: no conversation ${input.channel}`);
    if (input.thread_ts && !list.some((m) => m.ts === input.thread_ts)) {
      throw new Error(`slack double: no message ${input.thread_ts} in ${input.channel}`);
    }
    const ts = this.nextTs(now);
    const subtype = input.subtype ?? (input.reply_broadcast ? 'thread_broadcast' : undefined);
    const message: SlackSeedMessage = {
      type: 'message',
      ts,
      ...(input.user ? { user: input.user } : {}),
      text: input.text ?? '',
      ...(subtype ? { subtype } : {}),
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
      ...(input.bot_id ? { bot_id: input.bot_id } : {}),
      ...input.extra,
    };
    list.push(message);
    return structuredClone(message);
  }

  /** Edits a message's text in place (Slack keeps its ts and adds `edited`). */
  edit(channel: string, ts: string, text: string, now: number): void {
    const m = this.find(channel, ts);
    m.text = text;
    m.edited = { user: m.user ?? '', ts: this.nextTs(now) };
  }

  /** Deletes a message: a thread parent with replies becomes a tombstone, anything else disappears. */
  delete(channel: string, ts: string): void {
    const list = this.messages.get(channel) ?? [];
    const m = this.find(channel, ts);
    const hasReplies = list.some((r) => r.thread_ts === ts && r.ts !== ts);
    if (hasReplies) {
      for (const r of list)
        if (r.thread_ts === ts && r.ts !== ts && !r.parent_user_id) r.parent_user_id = m.user;
      const index = list.indexOf(m);
      list[index] = {
        type: 'message',
        subtype: 'tombstone',
        user: 'USLACKBOT',
        hidden: true,
        text: 'This message was deleted.',
        ts,
        thread_ts: ts,
      };
    } else {
      list.splice(list.indexOf(m), 1);
    }
  }

  private find(channel: string, ts: string): SlackSeedMessage {
    const m = this.messages.get(channel)?.find((x) => x.ts === ts);
    if (!m) throw new Error(`slack double: no message ${ts} in ${channel}`);
    return m;
  }

  private nextTs(now: number): string {
    const [lastSeconds = '0', lastSeq = '0'] = this.lastTs.split('.');
    const seconds = Math.max(Math.floor(now / 1000), Number(lastSeconds));
    const seq = seconds === Number(lastSeconds) ? Number(lastSeq) + 1 : 1;
    const ts = `${seconds}.${String(seq).padStart(6, '0')}`;
    this.lastTs = ts;
    return ts;
  }

  private decorate(channel: string, m: SlackSeedMessage): SlackSeedMessage {
    const list = this.messages.get(channel) ?? [];
    const out = structuredClone(m);
    const replies = list.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts);
    if (replies.length > 0) {
      const replyUsers = [...new Set(replies.map((r) => r.user).filter((u): u is string => !!u))];
      out.thread_ts = m.ts;
      out.reply_count = replies.length;
      out.reply_users_count = replyUsers.length;
      out.reply_users = replyUsers.slice(0, 5);
      out.latest_reply = replies.at(-1)?.ts;
    }
    if (m.thread_ts && m.thread_ts !== m.ts && out.parent_user_id === undefined) {
      const parent = list.find((p) => p.ts === m.thread_ts);
      if (parent?.user) out.parent_user_id = parent.user;
    }
    return out;
  }
}

function isTopLevel(m: SlackSeedMessage): boolean {
  return !m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast';
}
