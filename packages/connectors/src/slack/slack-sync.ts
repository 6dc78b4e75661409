import { type ActivityEvent, isPushpullError } from '@pushpull/core';
import type { SyncContext, SyncSummary } from '../kit/connector';
import { emptySyncCursor, readSyncCursor, streamOf, writeSyncCursor } from '../kit/sync-cursor';
import { migrateChannelCursorV1, SLACK_HISTORY_STREAM } from './channel-cursor';
import { isChannelLevelSlackError, SLACK_ERROR_CODES } from './map-slack-error';
import {
  mapSlackMessage,
  type SlackChannelInfo,
  type SlackChannelType,
  type SlackMappingContext,
  type SlackThreadInfo,
  type SlackUserInfo,
} from './map-slack-message';
import { SlackApiClient, type SlackRateTier } from './slack-api-client';
import type { SlackClock } from './slack-clock';
import { SLACKBOT_ID } from './slack-message-kind';
import {
  AuthTestResponseSchema,
  ConversationsListResponseSchema,
  ConversationsMembersResponseSchema,
  MessagePageResponseSchema,
  nextCursorOf,
  type SlackConversation,
  type SlackMessage,
  UsersListResponseSchema,
} from './slack-schemas';
import { compareSlackTs, dateToSlackTs, newerSlackTs } from './slack-ts';

/** Options of one Slack sync (see `createSlackConnector`). */
export interface SlackSyncOptions {
  token: string;
  apiUrl: string;
  channels: readonly string[];
  clock: SlackClock;
  tier: 'auto' | SlackRateTier;
  threadWatchDays: number;
}

const CONVERSATION_TYPES = ['public_channel', 'private_channel', 'mpim', 'im'] as const;
type ConversationType = (typeof CONVERSATION_TYPES)[number];
/** The read scope each `conversations.list` type needs. */
const TYPE_OF_SCOPE: Record<string, ConversationType> = {
  'channels:read': 'public_channel',
  'groups:read': 'private_channel',
  'mpim:read': 'mpim',
  'im:read': 'im',
};
const LIST_PAGE = 200;
const DAY_MS = 86_400_000;

interface Thread {
  parent: SlackMessage | undefined;
  replies: SlackMessage[];
}

/**
 * One Slack sync run: auth.test → users.list → conversations.list → per conversation, history
 * (backward from the run start to the saved `oldest`), the replies of threads met on the way, the
 * replies of watched recent threads, and the members for the audience size. Every page is emitted
 * before its cursor is saved.
 */
export class SlackSync {
  private readonly api: SlackApiClient;
  private events = 0;
  private scopesDone = 0;
  private scopesTotal = 0;
  private readonly skipped: SyncSummary['skipped'] = [];
  private teamId = '';
  private workspaceUrl = '';
  private authUserId: string | null = null;
  private users = new Map<string, SlackUserInfo>();
  private current = '';
  private synced = 0;

  constructor(
    private readonly options: SlackSyncOptions,
    private readonly ctx: SyncContext,
  ) {
    this.api = new SlackApiClient({
      token: options.token,
      apiUrl: options.apiUrl,
      clock: options.clock,
      budget: ctx.budget,
      signal: ctx.signal,
      log: ctx.log,
      tier: options.tier,
      onTierLimited: () => this.report(),
    });
  }

  async run(): Promise<SyncSummary> {
    try {
      await this.collect();
    } catch (err) {
      // Stopped (the worker is shutting down): what was emitted has its cursor saved; report it.
      if (!this.ctx.signal.aborted) throw err;
    }
    this.current = '';
    this.report();
    this.ctx.log(
      'info',
      { team: this.teamId, events: this.events, requests: this.api.requests, skipped: this.skipped.length },
      this.ctx.signal.aborted ? 'Slack sync stopped' : 'Slack sync finished',
    );
    return {
      events: this.events,
      requests: this.api.requests,
      scopes: this.synced,
      skipped: [...this.skipped],
    };
  }

  private async collect(): Promise<void> {
    const auth = await this.api.call('auth.test', {}, AuthTestResponseSchema);
    this.teamId = auth.team_id;
    this.workspaceUrl = auth.url || `https://app.slack.com/client/${auth.team_id}/`;
    this.authUserId = auth.user_id || null;
    this.ctx.log('info', { team: this.teamId, tier: this.api.tier }, 'Slack sync started');

    this.users = await this.loadUsers();
    const conversations = this.select(await this.listConversations());
    this.scopesTotal = conversations.length;
    this.report();

    for (const conversation of conversations) {
      if (this.ctx.signal.aborted) return;
      this.current = labelOf(conversation);
      try {
        await this.syncConversation(conversation);
        if (this.ctx.signal.aborted) return;
        this.synced += 1;
      } catch (err) {
        if (this.ctx.signal.aborted || !isChannelLevelSlackError(err)) throw err;
        this.skipped.push({ scope: labelOf(conversation), reason: err.message });
        this.ctx.log(
          'warn',
          { channel: conversation.id, code: err.code },
          `Slack: skipped ${labelOf(conversation)}`,
        );
      }
      this.scopesDone += 1;
      this.report();
    }
  }

  private report(): void {
    const limited = this.api.tier === 'non-marketplace';
    const where = this.current ? `syncing ${this.current}` : 'Slack sync';
    this.ctx.progress({
      scopesDone: this.scopesDone,
      scopesTotal: this.scopesTotal,
      events: this.events,
      requests: this.api.requests,
      rateLimitRemaining: null,
      note: limited
        ? `${where}; Slack non-Marketplace limits: 1 history/replies request per minute, 15 messages each`
        : where,
    });
  }

  private async loadUsers(): Promise<Map<string, SlackUserInfo>> {
    const users = new Map<string, SlackUserInfo>();
    let cursor: string | undefined;
    try {
      do {
        const page = await this.api.call(
          'users.list',
          { limit: LIST_PAGE, ...(cursor ? { cursor } : {}) },
          UsersListResponseSchema,
        );
        for (const u of page.members) {
          users.set(u.id, {
            id: u.id,
            email: u.profile?.email || undefined,
            name: u.real_name || u.profile?.real_name || u.name || undefined,
            isBot: u.is_bot === true || u.id === SLACKBOT_ID,
          });
        }
        cursor = nextCursorOf(page);
      } while (cursor);
    } catch (err) {
      if (!isPushpullError(err, SLACK_ERROR_CODES.missingScope)) throw err;
      this.ctx.log(
        'warn',
        { needed: err.context.needed },
        `${err.message}; people are identified by Slack id only`,
      );
    }
    return users;
  }

  private async listConversations(): Promise<SlackConversation[]> {
    let types: ConversationType[] = [...CONVERSATION_TYPES];
    for (;;) {
      try {
        const all: SlackConversation[] = [];
        let cursor: string | undefined;
        do {
          const page = await this.api.call(
            'conversations.list',
            { types: types.join(','), limit: LIST_PAGE, ...(cursor ? { cursor } : {}) },
            ConversationsListResponseSchema,
          );
          all.push(...page.channels);
          cursor = nextCursorOf(page);
        } while (cursor);
        return all;
      } catch (err) {
        if (!isPushpullError(err, SLACK_ERROR_CODES.missingScope)) throw err;
        const needed = String(err.context.needed ?? '').split(',');
        const dropped = needed
          .map((s) => TYPE_OF_SCOPE[s.trim()])
          .filter(
            (t): t is ConversationType => t !== undefined && t !== 'public_channel' && types.includes(t),
          );
        if (dropped.length === 0) throw err;
        types = types.filter((t) => !dropped.includes(t));
        this.ctx.log(
          'warn',
          { needed: err.context.needed, dropped },
          `${err.message}; those conversations are not synced`,
        );
      }
    }
  }

  /** The conversations to sync: SLACK_CHANNELS when set, else every one the token's user is in. */
  private select(conversations: SlackConversation[]): SlackConversation[] {
    const wanted = this.options.channels.map((c) => c.trim().replace(/^#/, '')).filter(Boolean);
    if (wanted.length > 0) {
      const chosen: SlackConversation[] = [];
      for (const w of wanted) {
        const match = conversations.find((c) => c.id === w || c.name?.toLowerCase() === w.toLowerCase());
        if (!match) {
          this.skipped.push({
            scope: `#${w}`,
            reason: `SLACK_CHANNELS names "${w}", which no conversation visible to the token has as name or id`,
          });
        } else if (!chosen.includes(match)) {
          chosen.push(match);
        }
      }
      return chosen;
    }
    return conversations.filter((c) => {
      if (c.is_im) return !!c.user && !this.isBot(c.user);
      return c.is_mpim === true || c.is_member === true;
    });
  }

  private isBot(id: string): boolean {
    return id === SLACKBOT_ID || this.users.get(id)?.isBot === true;
  }

  private async syncConversation(conversation: SlackConversation): Promise<void> {
    const scope = `${this.teamId}/${conversation.id}`;
    const read = readSyncCursor(await this.ctx.cursors.get(scope), migrateChannelCursorV1);
    if (read.status === 'unreadable') {
      this.ctx.log(
        'warn',
        { channel: conversation.id },
        'Slack: unreadable cursor, starting this conversation afresh',
      );
    }
    const cursor = read.cursor ?? emptySyncCursor();
    const history = streamOf(cursor, SLACK_HISTORY_STREAM);
    history.mark ??= dateToSlackTs(this.ctx.since);
    // Every top-level message at or before this ts has been collected (the history stream's mark).
    const oldest: string = history.mark;
    const threads = history.children;
    const save = () => this.ctx.cursors.set(scope, writeSyncCursor(cursor));
    const emitted = new Set<string>();
    const refreshed = new Set<string>();
    const watchFrom = dateToSlackTs(this.ctx.runStartedAt.getTime() - this.options.threadWatchDays * DAY_MS);
    let info: SlackChannelInfo | undefined;
    const mapping = async (): Promise<SlackMappingContext> => {
      info ??= await this.describe(conversation);
      return {
        teamId: this.teamId,
        workspaceUrl: this.workspaceUrl,
        channel: info,
        users: this.users,
        authUserId: this.authUserId,
      };
    };
    const emit = async (items: { message: SlackMessage; thread?: SlackThreadInfo }[]) => {
      if (items.length === 0) return;
      const context = await mapping();
      const batch: ActivityEvent[] = [];
      for (const { message, thread } of items) {
        const event = mapSlackMessage(message, context, thread);
        if (event && !emitted.has(event.id)) {
          emitted.add(event.id);
          batch.push(event);
        }
      }
      if (batch.length === 0) return;
      await this.ctx.emit(batch);
      this.events += batch.length;
    };

    // 1. History, newest first, from the run start (or where a stopped pass was) down to `oldest`.
    if (!cursor.pass) {
      cursor.pass = {
        startedAt: this.ctx.runStartedAt.toISOString(),
        stream: SLACK_HISTORY_STREAM,
        changed: [],
        newest: null,
        seen: [],
      };
      history.next = null;
    }
    const pass = cursor.pass;
    let windowLatest: string = history.next ?? dateToSlackTs(this.ctx.runStartedAt);
    history.next = windowLatest;
    let pageCursor: string | undefined;
    for (;;) {
      const page = await this.api.call(
        'conversations.history',
        {
          channel: conversation.id,
          oldest,
          latest: windowLatest,
          inclusive: false,
          limit: this.api.messagePageLimit(),
          ...(pageCursor ? { cursor: pageCursor } : {}),
        },
        MessagePageResponseSchema,
      );
      const messages = [...page.messages].sort((a, b) => compareSlackTs(a.ts, b.ts));
      const items: { message: SlackMessage; thread?: SlackThreadInfo }[] = [];
      for (const message of messages) {
        const isParent = message.thread_ts === message.ts && (message.reply_count ?? 0) > 0;
        const known = threads[message.ts];
        const upToDate = known && message.latest_reply && compareSlackTs(message.latest_reply, known) <= 0;
        if (!isParent || upToDate) {
          items.push({ message });
          continue;
        }
        const thread = await this.fetchThread(conversation.id, message.ts, known);
        const threadInfo = threadInfoOf(thread);
        items.push({ message, thread: threadInfo });
        for (const reply of thread.replies) items.push({ message: reply, thread: threadInfo });
        refreshed.add(message.ts);
        const newestReply = newerSlackTs(known, thread.replies.at(-1)?.ts);
        if (newestReply && compareSlackTs(message.ts, watchFrom) >= 0) {
          threads[message.ts] = newestReply;
        }
      }
      await emit(items);
      const oldestInPage = messages[0]?.ts;
      if (oldestInPage) history.next = oldestInPage;
      pass.newest = newerSlackTs(pass.newest ?? undefined, messages.at(-1)?.ts) ?? null;
      const more = page.has_more === true && messages.length > 0;
      if (!more) {
        history.mark = pass.newest ?? history.mark;
        history.next = null;
        cursor.pass = null;
      }
      await save();
      this.report();
      if (!more || this.ctx.signal.aborted) break;
      pageCursor = nextCursorOf(page);
      if (!pageCursor) windowLatest = history.next ?? windowLatest;
    }
    if (this.ctx.signal.aborted) return;

    // 2. New replies in watched threads whose parents are older than this run's history window.
    for (const [parentTs, lastReply] of Object.entries(threads)) {
      if (this.ctx.signal.aborted) return;
      if (compareSlackTs(parentTs, watchFrom) < 0) {
        delete threads[parentTs];
        continue;
      }
      if (refreshed.has(parentTs)) continue;
      let thread: Thread;
      try {
        thread = await this.fetchThread(conversation.id, parentTs, lastReply);
      } catch (err) {
        if (
          !isPushpullError(err, SLACK_ERROR_CODES.channelNotFound) ||
          err.context.error !== 'thread_not_found'
        ) {
          throw err;
        }
        delete threads[parentTs];
        continue;
      }
      const threadInfo = threadInfoOf(thread);
      await emit(thread.replies.map((message) => ({ message, thread: threadInfo })));
      threads[parentTs] = newerSlackTs(lastReply, thread.replies.at(-1)?.ts) ?? lastReply;
      await save();
    }
    await save();
    this.ctx.log('debug', { channel: conversation.id, events: emitted.size }, 'Slack conversation synced');
  }

  /** A thread's parent and its replies newer than `after` (all replies when absent), oldest first. */
  private async fetchThread(channel: string, parentTs: string, after: string | undefined): Promise<Thread> {
    const thread: Thread = { parent: undefined, replies: [] };
    let cursor: string | undefined;
    do {
      const page = await this.api.call(
        'conversations.replies',
        {
          channel,
          ts: parentTs,
          limit: this.api.messagePageLimit(),
          ...(after ? { oldest: after, inclusive: false } : {}),
          ...(cursor ? { cursor } : {}),
        },
        MessagePageResponseSchema,
      );
      for (const m of page.messages) {
        if (m.ts === parentTs) thread.parent = m;
        else if (!after || compareSlackTs(m.ts, after) > 0) thread.replies.push(m);
      }
      cursor = page.has_more ? nextCursorOf(page) : undefined;
    } while (cursor);
    thread.replies.sort((a, b) => compareSlackTs(a.ts, b.ts));
    return thread;
  }

  /** Channel type, name and audience (people, not bots) — members fetched once, when first needed. */
  private async describe(c: SlackConversation): Promise<SlackChannelInfo> {
    const type: SlackChannelType = c.is_im
      ? 'im'
      : c.is_mpim
        ? 'mpim'
        : c.is_private || c.is_group
          ? 'private'
          : 'public';
    const base = { id: c.id, ...(c.name ? { name: c.name } : {}), type };
    if (type === 'im') {
      const memberIds = [this.authUserId, c.user].filter((id): id is string => !!id);
      return { ...base, imUserId: c.user ?? undefined, memberIds, size: 2 };
    }
    try {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.api.call(
          'conversations.members',
          { channel: c.id, limit: LIST_PAGE, ...(cursor ? { cursor } : {}) },
          ConversationsMembersResponseSchema,
        );
        members.push(...page.members);
        cursor = nextCursorOf(page);
      } while (cursor);
      return { ...base, memberIds: members, size: members.filter((id) => !this.isBot(id)).length };
    } catch (err) {
      if (!isChannelLevelSlackError(err)) throw err;
      this.ctx.log('warn', { channel: c.id, code: err.code }, `${err.message}; audience size unknown`);
      return { ...base, size: c.num_members ?? null };
    }
  }
}

function threadInfoOf(thread: Thread): SlackThreadInfo {
  const fromReplies = thread.replies.find((r) => r.parent_user_id)?.parent_user_id ?? undefined;
  const parent = thread.parent;
  const parentUserId = parent && parent.subtype !== 'tombstone' && parent.user ? parent.user : fromReplies;
  return parentUserId ? { parentUserId } : {};
}

function labelOf(c: SlackConversation): string {
  return c.name ? `#${c.name}` : c.id;
}
