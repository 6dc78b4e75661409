import { type ActivityEvent, isPushpullError } from '@pushpull/core';
import type { z } from 'zod';
import type { DirectoryPerson, SyncContext, SyncSummary } from '../kit/connector';
import { readSyncCursor, writeSyncCursor } from '../kit/sync-cursor';
import {
  type DeltaPosition,
  deltaCursor,
  migrateDeltaCursorV1,
  type OutlookStreamKind,
  positionOf,
} from './delta-cursor';
import { GRAPH_BATCH_LIMIT, GRAPH_ERROR_CODES, type GraphAnswer, GraphClient } from './graph-client';
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

interface Stream {
  mailbox: OutlookPerson;
  kind: OutlookStreamKind;
  scope: string;
  cursor: DeltaPosition;
  /** The seenBefore in force this run (from the cursor as it was at the start). */
  seenBefore: number | null;
  emitted: Set<string>;
  throttledTimes: number;
  resyncs: number;
  done: boolean;
}

const MessagePage = graphPageSchema(GraphMessageSchema);
const EventPage = graphPageSchema(GraphEventSchema);
const UserPage = graphPageSchema(GraphUserSchema);
const GroupPage = graphPageSchema(GraphGroupSchema);

/**
 * One Outlook sync: the directory (users with managers → the org chart, mail-enabled groups), then
 * per mailbox the Sent Items delta and the calendarView delta, as streams sent in `$batch` rounds of
 * up to 20 requests (at most `perMailbox` per mailbox). Each page is emitted before its cursor (the
 * next or delta link) is saved; a 410 resyncs that stream from its first window.
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
    const streams: Stream[] = [];
    for (const mailbox of mailboxes) {
      for (const kind of ['mail', 'events'] as const) streams.push(await this.openStream(mailbox, kind));
    }
    this.scopesTotal = mailboxes.length;
    this.report(`${mailboxes.length} mailboxes`);
    const contextOf = (mailbox: OutlookPerson): OutlookMappingContext => ({ mailbox, people, groups });
    const doneMailboxes = new Set<string>();
    while (!this.ctx.signal.aborted) {
      const ready = streams.filter((s) => !s.done);
      if (ready.length === 0) break;
      const round: Stream[] = [];
      const perMailbox = new Map<string, number>();
      for (const s of ready) {
        if (round.length >= GRAPH_BATCH_LIMIT) break;
        const n = perMailbox.get(s.mailbox.id) ?? 0;
        if (n >= this.options.perMailbox) continue;
        perMailbox.set(s.mailbox.id, n + 1);
        round.push(s);
      }
      const requests = round.map((s) => ({ url: s.cursor.link, headers: { Prefer: PAGE_PREFER } }));
      const answers: GraphAnswer[] =
        round.length === 1 && round[0]
          ? [await this.single(round[0].cursor.link)]
          : await this.graph.batch(requests);
      let pause: GraphAnswer | null = null;
      for (const [i, s] of round.entries()) {
        const answer = answers[i] as GraphAnswer;
        if (answer.status === 429 || answer.status === 503) {
          s.throttledTimes += 1;
          if (!pause || Number(answer.headers['retry-after']) > Number(pause.headers['retry-after']))
            pause = answer;
          continue;
        }
        await this.handlePage(s, answer, contextOf(s.mailbox));
        if (s.done && streams.filter((x) => x.mailbox.id === s.mailbox.id).every((x) => x.done)) {
          if (!doneMailboxes.has(s.mailbox.id)) {
            doneMailboxes.add(s.mailbox.id);
            this.scopesDone += 1;
            this.ctx.log('info', { mailbox: s.mailbox.id, events: this.events }, 'Outlook: mailbox synced');
            this.report(`mailbox ${this.scopesDone}/${this.scopesTotal} synced`);
          }
        }
      }
      if (pause) await this.graph.noteThrottle(pause, '$batch item');
    }
    return doneMailboxes.size;
  }

  /** A single request answered like a `$batch` item (status kept, throttling returned to the caller). */
  private async single(link: string): Promise<GraphAnswer> {
    const [answer] = await this.graph.batch([{ url: link, headers: { Prefer: PAGE_PREFER } }]);
    return answer as GraphAnswer;
  }

  private async handlePage(s: Stream, answer: GraphAnswer, context: OutlookMappingContext): Promise<void> {
    if (answer.status !== 200) {
      const err = this.graph.failure(answer, s.cursor.link);
      if (err.code === GRAPH_ERROR_CODES.expired && s.resyncs < 2) {
        s.resyncs += 1;
        this.ctx.log(
          'warn',
          { mailbox: s.mailbox.id, stream: s.kind },
          'Outlook: delta link expired (410); resyncing this mailbox from its first window',
        );
        s.cursor = {
          ...s.cursor,
          link: this.initialLink(s.mailbox, s.kind, new Date(s.cursor.start)),
          kind: 'next',
          roundStartedAt: this.ctx.runStartedAt.toISOString(),
        };
        await this.save(s);
        return;
      }
      if (err.code === GRAPH_ERROR_CODES.notFound || err.code === GRAPH_ERROR_CODES.forbidden) {
        // A user without an Exchange mailbox (or outside an application access policy): skip it.
        s.done = true;
        this.skipped.push({ scope: `${s.mailbox.email} (${s.kind})`, reason: err.message });
        this.ctx.log(
          'warn',
          { mailbox: s.mailbox.id, stream: s.kind, code: err.code },
          'Outlook: stream skipped',
        );
        return;
      }
      throw err;
    }
    const page = (s.kind === 'mail' ? MessagePage : EventPage).safeParse(answer.body);
    if (!page.success) {
      throw this.graph.failure(
        {
          status: 502,
          headers: {},
          body: { error: { code: 'InvalidPage', message: page.error.issues[0]?.message } },
        },
        s.cursor.link,
      );
    }
    const batch: ActivityEvent[] = [];
    for (const item of page.data.value) {
      const event =
        s.kind === 'mail'
          ? mapGraphMessage(GraphMessageSchema.parse(item), context)
          : mapGraphEvent(GraphEventSchema.parse(item), context);
      if (!event || s.emitted.has(event.id)) continue;
      if (s.seenBefore !== null && Date.parse(createdAt(s.kind, item) ?? event.occurredAt) < s.seenBefore)
        continue;
      s.emitted.add(event.id);
      batch.push(event);
    }
    if (batch.length > 0) {
      await this.ctx.emit(batch);
      this.events += batch.length;
    }
    const next = page.data['@odata.nextLink'];
    const delta = page.data['@odata.deltaLink'];
    if (next) {
      s.cursor = {
        ...s.cursor,
        link: next,
        roundStartedAt:
          s.cursor.kind === 'next' ? s.cursor.roundStartedAt : this.ctx.runStartedAt.toISOString(),
        kind: 'next',
      };
    } else if (delta) {
      s.cursor = { ...s.cursor, link: delta, kind: 'delta', seenBefore: this.ctx.runStartedAt.toISOString() };
      s.done = true;
    } else {
      throw this.graph.failure(
        {
          status: 502,
          headers: {},
          body: { error: { code: 'NoLink', message: 'a delta page without nextLink or deltaLink' } },
        },
        s.cursor.link,
      );
    }
    await this.save(s);
  }

  /** Saves a stream's position in the kit's cursor format, after its page was emitted. */
  private async save(s: Stream): Promise<void> {
    await this.ctx.cursors.set(s.scope, writeSyncCursor(deltaCursor(s.kind, s.cursor)));
  }

  private async openStream(mailbox: OutlookPerson, kind: OutlookStreamKind): Promise<Stream> {
    const scope = `${mailbox.id}/${kind === 'mail' ? 'sentitems' : 'calendar'}`;
    const read = readSyncCursor(await this.ctx.cursors.get(scope), migrateDeltaCursorV1(kind));
    let cursor = positionOf(kind, read.cursor, this.ctx.runStartedAt);
    if (!cursor) {
      const start = this.ctx.since;
      cursor = {
        link: this.initialLink(mailbox, kind, start),
        kind: 'next',
        start: start.toISOString(),
        seenBefore: null,
        roundStartedAt: this.ctx.runStartedAt.toISOString(),
      };
    }
    const seen = cursor.seenBefore ? Date.parse(cursor.seenBefore) - SEEN_MARGIN_MS : null;
    return {
      mailbox,
      kind,
      scope,
      cursor,
      seenBefore: seen,
      emitted: new Set(),
      throttledTimes: 0,
      resyncs: 0,
      done: false,
    };
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
