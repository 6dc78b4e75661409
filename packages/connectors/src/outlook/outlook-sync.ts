import { type ActivityEvent, isPushpullError } from '@pushpull/core';
import type { z } from 'zod';
import type { DirectoryPerson, SyncContext, SyncSummary } from '../kit/connector';
import {
  type DeclaredStream,
  runStreamPass,
  type StreamPage,
  type StreamPassResult,
} from '../kit/run-stream-pass';
import { migrateDeltaCursorV1, type OutlookStreamKind } from './delta-cursor';
import { GraphBatcher } from './graph-batcher';
import { GRAPH_BATCH_LIMIT, GRAPH_ERROR_CODES, GraphClient } from './graph-client';
import {
  GraphEventSchema,
  GraphGroupSchema,
  GraphMessageSchema,
  type GraphUser,
  GraphUserSchema,
  graphPageSchema,
} from './graph-schemas';
import {
  mapGraphEvent,
  mapGraphMessage,
  type OutlookMappingContext,
  type OutlookPerson,
} from './map-graph-items';
import type { OutlookClock } from './outlook-clock';
import type { OutlookConnectorConfig } from './outlook-connector';

/** Options of one Outlook sync (see `createOutlookConnector`): its configuration with defaults filled in. */
export interface OutlookSyncOptions
  extends Pick<
    OutlookConnectorConfig,
    'tenantId' | 'clientId' | 'clientSecret' | 'apiUrl' | 'authorityHost' | 'users'
  > {
  clock: OutlookClock;
  ca?: string | undefined;
  /** Requests one mailbox may have in flight at once (Graph allows 4). */
  perMailbox: number;
  /** Days ahead of the run that the calendar window of a first sync covers. */
  calendarDaysAhead: number;
}

/** The `$select` of Sent Items: only what the mapping needs. */
export const SENT_ITEMS_SELECT = [
  'sender',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'subject',
  'bodyPreview',
  'conversationId',
  'sentDateTime',
  'internetMessageId',
  'webLink',
] as const;
const USER_SELECT = 'id,displayName,mail,userPrincipalName,jobTitle,department';
const PAGE_PREFER = 'odata.maxpagesize=50, outlook.timezone="UTC"';
/** Items older than the previous run's start minus this are updates of what was emitted. */
const SEEN_MARGIN_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
/** The two delta streams of a mailbox, each its own cursor scope. */
const STREAM_KINDS = ['mail', 'events'] as const satisfies readonly OutlookStreamKind[];
/** Stream passes run at once: enough to fill one `$batch` while the others emit and save. */
const STREAM_PASSES = 2 * GRAPH_BATCH_LIMIT;

const MessagePage = graphPageSchema(GraphMessageSchema);
const EventPage = graphPageSchema(GraphEventSchema);
const UserPage = graphPageSchema(GraphUserSchema);
const GroupPage = graphPageSchema(GraphGroupSchema);

/**
 * One Outlook sync: the directory (users with managers → the org chart, mail-enabled groups), then
 * per mailbox two declared delta streams, the Sent Items delta and the calendarView delta (one cursor
 * scope each), run by the kit's loop (`runStreamPass`: paging, each page emitted before its cursor is
 * saved, resume, stop between pages). The streams' passes run concurrently (bounded) and read their
 * pages through a `GraphBatcher`, which sends them as `$batch` requests of up to 20 (at most
 * `perMailbox` per mailbox) and retries throttled items. A 410 restarts that stream from its first
 * window; a 404/403 skips it (a user without a mailbox).
 */
export class OutlookSync {
  private readonly graph: GraphClient;
  private events = 0;
  private scopesDone = 0;
  private scopesTotal = 0;
  private readonly skipped: SyncSummary['skipped'] = [];

  constructor(
    private readonly options: OutlookSyncOptions,
    private readonly ctx: SyncContext,
  ) {
    this.graph = new GraphClient({
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      apiUrl: options.apiUrl,
      authorityHost: options.authorityHost,
      budget: ctx.budget,
      signal: ctx.signal,
      log: ctx.log,
      clock: options.clock,
      ca: options.ca,
    });
  }

  async run(): Promise<SyncSummary> {
    let scopes = 0;
    try {
      scopes = await this.collect();
    } catch (err) {
      if (!this.ctx.signal.aborted) throw err;
    }
    this.report('');
    this.ctx.log(
      'info',
      { events: this.events, requests: this.graph.requests, throttled: this.graph.throttled },
      this.ctx.signal.aborted ? 'Outlook sync stopped' : 'Outlook sync finished',
    );
    return { events: this.events, requests: this.graph.requests, scopes, skipped: [...this.skipped] };
  }

  private report(note: string): void {
    this.ctx.progress({
      scopesDone: this.scopesDone,
      scopesTotal: this.scopesTotal,
      events: this.events,
      requests: this.graph.requests,
      rateLimitRemaining: null,
      note: note || 'Outlook sync',
    });
  }

  private async collect(): Promise<number> {
    const users = await this.listAll(
      '/users',
      `$select=${USER_SELECT}&$expand=manager($select=id,mail,userPrincipalName)&$top=999`,
      UserPage,
    );
    this.ctx.log('info', { users: users.length }, 'Outlook: directory read');
    await this.saveOrgChart(users);
    const groups = await this.listGroups();
    const people = new Map<string, OutlookPerson>();
    for (const u of users) {
      const email = (u.mail ?? u.userPrincipalName ?? '').toLowerCase();
      if (!email.includes('@')) continue;
      const person = { id: u.id, email, ...(u.displayName ? { name: u.displayName } : {}) };
      people.set(email, person);
      if (u.userPrincipalName) people.set(u.userPrincipalName.toLowerCase(), person);
    }
    const mailboxes = this.selectMailboxes(users);
    this.scopesTotal = mailboxes.length;
    this.report(`${mailboxes.length} mailboxes`);

    // A failed pass stops the others between pages; its error is the sync's.
    const stop = new AbortController();
    const follow = () => stop.abort(this.ctx.signal.reason);
    if (this.ctx.signal.aborted) follow();
    else this.ctx.signal.addEventListener('abort', follow, { once: true });
    const ctx: SyncContext = { ...this.ctx, signal: stop.signal };
    const batcher = new GraphBatcher({ graph: this.graph, perMailbox: this.options.perMailbox });
    const tasks = mailboxes.flatMap((mailbox) => STREAM_KINDS.map((kind) => ({ mailbox, kind })));
    const streamsDone = new Map<string, number>();
    let failure: { err: unknown } | null = null;
    let next = 0;
    const worker = async () => {
      while (next < tasks.length && !stop.signal.aborted) {
        const { mailbox, kind } = tasks[next++] as (typeof tasks)[number];
        let result: StreamPassResult;
        try {
          result = await this.syncStream(ctx, batcher, mailbox, kind, { mailbox, people, groups });
        } catch (err) {
          failure ??= { err };
          stop.abort(err);
          return;
        }
        if (!result.completed) return;
        const done = (streamsDone.get(mailbox.id) ?? 0) + 1;
        streamsDone.set(mailbox.id, done);
        if (done === STREAM_KINDS.length) {
          this.scopesDone += 1;
          this.ctx.log('info', { mailbox: mailbox.id, events: this.events }, 'Outlook: mailbox synced');
          this.report(`mailbox ${this.scopesDone}/${this.scopesTotal} synced`);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(STREAM_PASSES, tasks.length) }, worker));
    } finally {
      this.ctx.signal.removeEventListener('abort', follow);
    }
    if (failure) throw (failure as { err: unknown }).err;
    return this.scopesDone;
  }

  /**
   * Declares one delta stream of a mailbox (its own cursor scope) and runs a pass of it with the kit's
   * loop: the first window from the stream's origin (`--since` of its first sync), the delta link of
   * the last page kept as where the next pass starts, "created before" as the mark.
   */
  private syncStream(
    ctx: SyncContext,
    batcher: GraphBatcher,
    mailbox: OutlookPerson,
    kind: OutlookStreamKind,
    context: OutlookMappingContext,
  ): Promise<StreamPassResult> {
    const scope = `${mailbox.id}/${kind === 'mail' ? 'sentitems' : 'calendar'}`;
    /** Ids emitted by this stream in this run (a resync re-reads; a series has many occurrences). */
    const emitted = new Set<string>();
    let resyncs = 0;
    const stream: DeclaredStream = {
      name: kind,
      delta: true,
      firstPage: (origin) => this.initialLink(mailbox, kind, new Date(origin)),
      collect: async (items, markMs) => {
        // Items created before the previous pass's start (minus a margin) are updates of what was emitted.
        const seenBefore = markMs - SEEN_MARGIN_MS;
        const events: ActivityEvent[] = [];
        for (const item of items) {
          const event =
            kind === 'mail'
              ? mapGraphMessage(GraphMessageSchema.parse(item), context)
              : mapGraphEvent(GraphEventSchema.parse(item), context);
          if (!event || emitted.has(event.id)) continue;
          if (Date.parse(createdAt(kind, item) ?? event.occurredAt) < seenBefore) continue;
          emitted.add(event.id);
          events.push(event);
        }
        return { events, stop: false };
      },
    };
    const fetchPage = async (url: string): Promise<StreamPage> => {
      const answer = await batcher.get({ url, mailbox: mailbox.id, headers: { Prefer: PAGE_PREFER } });
      if (answer.status !== 200) {
        const err = this.graph.failure(answer, url);
        if (err.code === GRAPH_ERROR_CODES.expired && resyncs < 2) {
          resyncs += 1;
          this.ctx.log(
            'warn',
            { mailbox: mailbox.id, stream: kind },
            'Outlook: delta link expired (410); resyncing this mailbox from its first window',
          );
          return { status: answer.status, items: [], next: null, etag: null, action: 'restart' };
        }
        if (err.code === GRAPH_ERROR_CODES.notFound || err.code === GRAPH_ERROR_CODES.forbidden) {
          // A user without an Exchange mailbox (or outside an application access policy): skip it.
          this.skipped.push({ scope: `${mailbox.email} (${kind})`, reason: err.message });
          this.ctx.log(
            'warn',
            { mailbox: mailbox.id, stream: kind, code: err.code },
            'Outlook: stream skipped',
          );
          return { status: answer.status, items: [], next: null, etag: null, action: 'skip' };
        }
        throw err;
      }
      const invalid = (code: string, message: string | undefined) =>
        this.graph.failure({ status: 502, headers: {}, body: { error: { code, message } } }, url);
      const page = (kind === 'mail' ? MessagePage : EventPage).safeParse(answer.body);
      if (!page.success) throw invalid('InvalidPage', page.error.issues[0]?.message);
      const next = page.data['@odata.nextLink'] ?? null;
      const deltaLink = page.data['@odata.deltaLink'] ?? null;
      if (!next && !deltaLink) throw invalid('NoLink', 'a delta page without nextLink or deltaLink');
      return { status: 200, items: page.data.value, next, nextPass: next ? null : deltaLink, etag: null };
    };
    return runStreamPass(ctx, {
      scope,
      streams: [stream],
      fetchPage: (_stream, url) => fetchPage(url),
      initialMark: this.ctx.since.toISOString(),
      markAt: (passStartedAt) => passStartedAt.toISOString(),
      legacy: migrateDeltaCursorV1(kind),
      onPage: async (events) => {
        this.events += events;
      },
    });
  }

  private initialLink(mailbox: OutlookPerson, kind: OutlookStreamKind, start: Date): string {
    const base = this.options.apiUrl.replace(/\/+$/, '');
    const user = encodeURIComponent(mailbox.id);
    if (kind === 'mail') {
      const filter = encodeURIComponent(
        `receivedDateTime ge ${start.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
      );
      return `${base}/users/${user}/mailFolders/sentitems/messages/delta?$select=${SENT_ITEMS_SELECT.join(',')}&$filter=${filter}`;
    }
    const end = new Date(this.ctx.runStartedAt.getTime() + this.options.calendarDaysAhead * DAY_MS);
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return `${base}/users/${user}/calendarView/delta?startDateTime=${iso(start)}&endDateTime=${iso(end)}`;
  }

  private async listAll<T>(
    path: string,
    query: string,
    schema: z.ZodType<{ value: T[]; '@odata.nextLink'?: string | undefined }>,
  ): Promise<T[]> {
    const out: T[] = [];
    let url: string | undefined = `${path}?${query}`;
    while (url) {
      const page: { value: T[]; '@odata.nextLink'?: string | undefined } = await this.graph.get(
        { url },
        schema,
      );
      out.push(...page.value);
      url = page['@odata.nextLink'];
    }
    return out;
  }

  private async listGroups(): Promise<Map<string, { id: string; name?: string | undefined }>> {
    const groups = new Map<string, { id: string; name?: string | undefined }>();
    try {
      for (const g of await this.listAll(
        '/groups',
        '$select=id,displayName,mail,mailEnabled&$top=999',
        GroupPage,
      )) {
        if (g.mail && g.mailEnabled !== false) {
          groups.set(g.mail.toLowerCase(), { id: g.id, ...(g.displayName ? { name: g.displayName } : {}) });
        }
      }
    } catch (err) {
      if (!isPushpullError(err, GRAPH_ERROR_CODES.forbidden)) throw err;
      this.ctx.log(
        'warn',
        { code: err.code },
        'Outlook: groups not readable (Group.Read.All); distribution lists are not recognised',
      );
    }
    return groups;
  }

  /** Mailboxes to sync: GRAPH_USERS (ids or addresses) when set, else every user with a mail address. */
  private selectMailboxes(users: readonly GraphUser[]): OutlookPerson[] {
    const toPerson = (u: GraphUser): OutlookPerson | null => {
      const email = (u.mail ?? '').toLowerCase();
      return email.includes('@')
        ? { id: u.id, email, ...(u.displayName ? { name: u.displayName } : {}) }
        : null;
    };
    const wanted = this.options.users.map((x) => x.trim().toLowerCase()).filter(Boolean);
    if (wanted.length === 0) return users.flatMap((u) => toPerson(u) ?? []);
    const out: OutlookPerson[] = [];
    for (const w of wanted) {
      const u = users.find(
        (x) =>
          x.id.toLowerCase() === w || x.mail?.toLowerCase() === w || x.userPrincipalName?.toLowerCase() === w,
      );
      const p = u ? toPerson(u) : null;
      if (!p) {
        this.skipped.push({
          scope: w,
          reason: `GRAPH_USERS names "${w}", which is no user with a mailbox in the tenant`,
        });
      } else if (!out.some((o) => o.id === p.id)) {
        out.push(p);
      }
    }
    return out;
  }

  /** Hands the directory to the runner as an org snapshot (the worker merges it, history kept). */
  private async saveOrgChart(users: readonly GraphUser[]): Promise<void> {
    const byId = new Map(users.map((u) => [u.id, u]));
    const rows: DirectoryPerson[] = [];
    for (const u of users) {
      const email = u.mail ?? u.userPrincipalName;
      if (!email?.includes('@')) continue;
      const manager = u.manager ? (byId.get(u.manager.id) ?? u.manager) : null;
      const managerEmail = manager ? (manager.mail ?? manager.userPrincipalName ?? null) : null;
      rows.push({
        email,
        name: u.displayName ?? null,
        managerEmail: managerEmail?.includes('@') ? managerEmail : null,
        title: u.jobTitle ?? null,
        department: u.department ?? null,
        graphId: u.id,
      });
    }
    await this.ctx.emitOrgSnapshot({
      kind: 'directory',
      asOf: this.ctx.runStartedAt.toISOString().slice(0, 10),
      rows,
    });
  }
}

/** When the item was created: a message's sentDateTime, an event's createdDateTime. */
function createdAt(kind: OutlookStreamKind, item: unknown): string | null {
  const i = item as { sentDateTime?: unknown; createdDateTime?: unknown };
  const v = kind === 'mail' ? i.sentDateTime : i.createdDateTime;
  return typeof v === 'string' ? (/[zZ]$|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`) : null;
}
