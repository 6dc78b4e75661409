import { isPushpullError } from '@pushpull/core';
import type { SyncContext, SyncSummary } from '../kit/connector';
import { runStreamPass } from '../kit/run-stream-pass';
import { conversationStreams } from './conversation-streams';
import { isChannelLevelSlackError, SLACK_ERROR_CODES } from './map-slack-error';
import type { SlackChannelInfo, SlackChannelType, SlackUserInfo } from './map-slack-message';
import { SlackApiClient, type SlackRateTier } from './slack-api-client';
import type { SlackClock } from './slack-clock';
import { SLACKBOT_ID } from './slack-message-kind';
import {
  AuthTestResponseSchema,
  ConversationsListResponseSchema,
  ConversationsMembersResponseSchema,
  nextCursorOf,
  type SlackConversation,
  UsersListResponseSchema,
} from './slack-schemas';
import { dateToSlackTs } from './slack-ts';

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

/**
 * One Slack sync run: auth.test → users.list → conversations.list → per conversation, the kit's
 * loop over its declared streams: history (backward from the run start to the saved mark) with the
 * replies of threads met on the way, then the replies of watched recent threads; the members for
 * the audience size. Every page is emitted before its cursor is saved.
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
        const completed = await this.syncConversation(conversation);
        if (!completed || this.ctx.signal.aborted) return;
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

  /**
   * One conversation through the kit's loop (`runStreamPass`): its declared streams (history with
   * thread replies as children, then the watched threads; see `conversationStreams`). False when the
   * run was stopped before the conversation was done.
   */
  private async syncConversation(conversation: SlackConversation): Promise<boolean> {
    const scope = `${this.teamId}/${conversation.id}`;
    let info: SlackChannelInfo | undefined;
    let events = 0;
    // Empty pages are not written (as before the kit's loop); events are counted as they are emitted.
    const ctx: SyncContext = {
      ...this.ctx,
      emit: async (batch) => {
        if (batch.length === 0) return;
        await this.ctx.emit(batch);
        events += batch.length;
        this.events += batch.length;
      },
    };
    const result = await runStreamPass(
      ctx,
      conversationStreams({
        api: this.api,
        ctx,
        scope,
        channel: conversation.id,
        watchFrom: dateToSlackTs(this.ctx.runStartedAt.getTime() - this.options.threadWatchDays * DAY_MS),
        mapping: async () => {
          info ??= await this.describe(conversation);
          return {
            teamId: this.teamId,
            workspaceUrl: this.workspaceUrl,
            channel: info,
            users: this.users,
            authUserId: this.authUserId,
          };
        },
        onPage: async () => this.report(),
      }),
    );
    this.ctx.log('debug', { channel: conversation.id, events }, 'Slack conversation synced');
    return result.completed;
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

function labelOf(c: SlackConversation): string {
  return c.name ? `#${c.name}` : c.id;
}
