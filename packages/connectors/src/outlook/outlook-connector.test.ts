import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type GraphDouble, type GraphSeed, startGraphDouble } from '@pushpull/api-doubles/graph';
import { type ActivityEvent, ActivityEventSchema } from '@pushpull/core';
import { getSetting, listAccountLinks, loadOrgRows, openStore, type Store, setCursor } from '@pushpull/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncSummary } from '../kit/connector';
import type { ContentPolicy } from '../kit/content-policy';
import { InMemoryRateBudget } from '../kit/in-memory-rate-budget';
import { runSync } from '../kit/run-sync';
import { storeCursorStore } from '../kit/store-cursor-store';
import { storeOrgSnapshotSink } from '../kit/store-org-snapshot-sink';
import { createOutlookConnector } from './outlook-connector';

const SINCE = new Date('2017-01-01T00:00:00Z');

/** The activity of the seed, counted without the connector's code. */
function expectedIds(seed: GraphSeed): Set<string> {
  const ids = new Set<string>();
  for (const [mailbox, messages] of Object.entries(seed.sentItems)) {
    const me = seed.users.find((u) => u.id === mailbox)?.mail?.toLowerCase();
    for (const m of messages) {
      if (m.sender.emailAddress.address.toLowerCase() === me)
        ids.add(`outlook:${mailbox}:message:${m.internetMessageId}`);
    }
  }
  for (const [mailbox, events] of Object.entries(seed.events)) {
    const me = seed.users.find((u) => u.id === mailbox)?.mail?.toLowerCase();
    for (const e of events) {
      if (e.organizer.emailAddress.address.toLowerCase() === me && !e.isCancelled) {
        ids.add(`outlook:${mailbox}:event:${e.seriesMasterId ?? e.id}`);
      }
    }
  }
  return ids;
}

describe('Outlook connector against the seeded Graph double', () => {
  let graph: GraphDouble;
  let store: Store;
  let dir: string;
  const waits: number[] = [];
  let virtualNow = Date.UTC(2026, 0, 5, 9, 0, 0);
  const virtualClock = {
    now: () => virtualNow,
    sleep: async (ms: number) => {
      waits.push(ms);
      virtualNow += ms;
    },
  };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pushpull-outlook-'));
    store = await openStore({ dataDir: dir });
    graph = await startGraphDouble();
    waits.length = 0;
  }, 60_000);
  afterEach(async () => {
    await graph.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const connector = (clientSecret = graph.seed.app.clientSecret) =>
    createOutlookConnector({
      tenantId: graph.seed.app.tenantId,
      clientId: graph.seed.app.clientId,
      clientSecret,
      apiUrl: graph.apiUrl,
      authorityHost: graph.url,
      users: [],
      ca: graph.ca,
      // Retry-After is honoured but not slept through: a virtual clock that moves only when the
      // connector sleeps, so every recorded wait is exactly what the connector asked for.
      clock: virtualClock,
    });
  const once = async (
    c = connector(),
    content: ContentPolicy = 'full',
  ): Promise<{ summary: SyncSummary; events: ActivityEvent[]; logs: string[] }> => {
    const events: ActivityEvent[] = [];
    const logs: string[] = [];
    const summary = await runSync({
      connector: c,
      cursors: storeCursorStore(store.db, 'outlook'),
      orgSink: storeOrgSnapshotSink(store.db),
      content,
      sink: { write: async (page) => void events.push(...page), close: async () => {} },
      budget: new InMemoryRateBudget({ sleep: async () => {} }),
      since: SINCE,
      log: (level, fields, message) => logs.push(`${level} ${message} ${JSON.stringify(fields)}`),
    });
    return { summary, events, logs };
  };

  it('emits each sent mail and organised meeting once, then nothing, then only a new mail; org chart with managers', async () => {
    const expected = expectedIds(graph.seed);
    expect(expected.size).toBe(16); // 13 mails sent by their mailbox + 3 organised meetings
    const first = await once();
    const ids = first.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(expected);
    for (const e of first.events) expect(ActivityEventSchema.safeParse(e).success).toBe(true);
    expect(first.summary.scopes).toBe(31);
    // Minimal $select on every Sent Items delta, $batch used, at most 4 in flight per mailbox.
    const initialMail = graph.requestLog.filter((r) => r.kind === 'mail' && r.delta === 'initial');
    expect(initialMail.length).toBe(31);
    for (const r of initialMail) {
      expect(r.query.$select?.split(',').sort()).toEqual(
        'bccRecipients,bodyPreview,ccRecipients,conversationId,internetMessageId,sender,sentDateTime,subject,toRecipients,webLink'.split(
          ',',
        ),
      );
    }
    expect(graph.requestLog.filter((r) => r.kind === 'batch').length).toBeGreaterThan(0);
    expect(graph.peakMailboxConcurrency()).toBeLessThanOrEqual(4);

    const byId = new Map(first.events.map((e) => [e.id, e]));
    const megan = graph.seed.users.find((u) => u.mail === 'MeganB@M365x214355.onmicrosoft.com');
    const toClient = byId.get(`outlook:${megan?.id}:message:<synth-0001@M365x214355.onmicrosoft.com>`);
    expect(toClient).toMatchObject({
      type: 'outlook.message.sent',
      actor: { email: 'meganb@m365x214355.onmicrosoft.com', graphId: megan?.id },
      targets: [
        { email: 'pat.buyer@northwind.example', role: 'to' },
        { email: 'diegos@m365x214355.onmicrosoft.com', role: 'cc' },
      ],
      text: expect.stringContaining('Q3 order volumes'),
    });
    const potluck = first.events.find((e) => e.subject === 'Potluck Party Recipe');
    expect(potluck?.audience).toMatchObject({
      kind: 'distribution-list',
      id: 'sales@m365x214355.onmicrosoft.com',
    });
    const allHands = first.events.find((e) => e.subject === 'Company update');
    expect(allHands?.audience).toEqual({ kind: 'recipients', id: null, size: 12 });
    const meeting = first.events.find(
      (e) => e.type === 'outlook.event.organized' && e.subject === 'Northwind budget review',
    );
    expect(meeting?.targets.map((t) => [t.email, t.role])).toEqual([
      ['lidiah@m365x214355.onmicrosoft.com', 'attendee'],
      ['diegos@m365x214355.onmicrosoft.com', 'attendee'],
    ]);

    // The org chart: every user, with the manager Entra ID says; graph ids linked.
    const rows = await loadOrgRows(store.db);
    expect(rows.length).toBe(31);
    const mail = (id: string | null) =>
      graph.seed.users.find((u) => u.id === id)?.mail?.toLowerCase() ?? null;
    for (const u of graph.seed.users) {
      const row = rows.find((r) => r.email === u.mail?.toLowerCase());
      expect(row?.managerEmail ?? null).toBe(mail(u.managerId));
      expect(row?.title ?? null).toBe(u.jobTitle);
    }
    expect((await listAccountLinks(store.db)).filter((a) => a.kind === 'graph_id').length).toBe(31);
    expect(await getSetting(store.db, 'org.version')).not.toBeNull();

    // An installation upgraded from cursor version 1 resumes where it was: every stream's state
    // rewritten in the old format gives a second run with nothing new.
    const saved = await store.db
      .selectFrom('sync_cursor')
      .select(['scope', 'cursor'])
      .where('source', '=', 'outlook')
      .execute();
    expect(saved.length).toBe(62);
    for (const row of saved) {
      const v2 = JSON.parse(row.cursor);
      const [stream, state] = Object.entries(v2.streams)[0] as [
        string,
        { next: string; origin: string; mark: string },
      ];
      expect(['mail', 'events']).toContain(stream);
      const v1 = {
        v: 1,
        link: state.next,
        kind: v2.pass ? 'next' : 'delta',
        start: state.origin,
        seenBefore: state.mark,
      };
      await setCursor(store.db, 'outlook', row.scope, JSON.stringify(v1));
    }
    const second = await once();
    expect(second.events).toEqual([]);
    expect(second.logs.some((l) => l.includes('delta link expired'))).toBe(false);

    const added = graph.addMessage('AdeleV@M365x214355.onmicrosoft.com', {
      subject: 'Launch plan',
      bodyPreview: 'Here is the launch plan for next week.',
      to: ['LynneR@M365x214355.onmicrosoft.com'],
    });
    // Lynne now reports to Miriam: a new history row from today, the old one kept.
    const lynne = graph.seed.users.find((u) => u.mail === 'LynneR@M365x214355.onmicrosoft.com');
    const miriam = graph.seed.users.find((u) => u.mail === 'MiriamG@M365x214355.onmicrosoft.com');
    graph.updateUser(lynne?.id ?? '', { managerId: miriam?.id ?? null });
    const dayBefore = new Date().toISOString().slice(0, 10);
    const third = await once();
    const dayAfter = new Date().toISOString().slice(0, 10);
    expect(third.events.map((e) => e.id)).toEqual([
      `outlook:${graph.seed.users.find((u) => u.mail?.startsWith('AdeleV'))?.id}:message:${added.internetMessageId}`,
    ]);
    const lynneRows = (await loadOrgRows(store.db)).filter(
      (r) => r.email === 'lynner@m365x214355.onmicrosoft.com',
    );
    expect(lynneRows.map((r) => r.managerEmail)).toEqual([
      'adelev@m365x214355.onmicrosoft.com',
      'miriamg@m365x214355.onmicrosoft.com',
    ]);
    // The sync's own date: the day it ran, which is one of these two if it ran across midnight.
    expect([dayBefore, dayAfter]).toContain(lynneRows[1]?.validFrom);
    // No secret or token in logs.
    for (const line of [...first.logs, ...second.logs, ...third.logs]) {
      expect(line).not.toContain(graph.seed.app.clientSecret);
      expect(line).not.toMatch(/dbl\./);
    }
  }, 60_000);

  it('loses nothing to 429/503 (Retry-After honoured) and resyncs only the mailbox whose delta link expired', async () => {
    graph.injectFaults({ throttle: { count: 5, kind: 'mail', retryAfter: 7 } });
    graph.injectFaults({ throttle: { count: 2, status: 503, kind: 'users', retryAfter: 3 } });
    const first = await once();
    expect(new Set(first.events.map((e) => e.id))).toEqual(expectedIds(graph.seed));
    // Virtual time: each wait is exactly the Retry-After the double sent (7 s for mail, 3 s for users).
    expect(waits).toEqual(expect.arrayContaining([7 * 1000, 3 * 1000]));

    const megan = graph.seed.users.find((u) => u.mail === 'MeganB@M365x214355.onmicrosoft.com')?.id ?? '';
    graph.injectFaults({ expireDeltaLinks: megan });
    const newMail = graph.addMessage(megan, {
      subject: 'Audit',
      bodyPreview: 'The audit report is attached.',
      to: ['DiegoS@M365x214355.onmicrosoft.com'],
    });
    const before = graph.requestLog.length;
    const second = await once();
    const after = graph.requestLog.slice(before);
    const gone = after.filter((r) => r.status === 410);
    expect(new Set(gone.map((r) => r.mailbox))).toEqual(new Set([megan]));
    const restarted = after.filter((r) => r.delta === 'initial');
    expect(new Set(restarted.map((r) => r.mailbox))).toEqual(new Set([megan]));
    expect(restarted.length).toBe(2); // its Sent Items and its calendar, nobody else's
    // The resync re-reads the mailbox but emits only what is new.
    expect(second.events.map((e) => e.id)).toEqual([`outlook:${megan}:message:${newMail.internetMessageId}`]);
    expect(second.logs.some((l) => l.includes('delta link expired (410)'))).toBe(true);
  }, 60_000);

  it('with PUSHPULL_CONTENT=features publishes no text: subject and text removed, text features set', async () => {
    const { events } = await once(connector(), 'features');
    expect(events.length).toBe(16);
    const json = JSON.stringify(events);
    const texts = [
      ...Object.values(graph.seed.sentItems)
        .flat()
        .flatMap((m) => [m.subject, m.bodyPreview]),
      ...Object.values(graph.seed.events)
        .flat()
        .flatMap((e) => [e.subject, e.bodyPreview]),
    ].filter((t): t is string => !!t && t.length > 3);
    for (const t of texts) expect(json).not.toContain(t.slice(0, 24));
    for (const e of events) {
      expect(e.text ?? null).toBeNull();
      expect(e.subject ?? null).toBeNull();
      expect(e.attributes.textFeatures).toMatchObject({ v: 1 });
    }
  }, 60_000);

  it('stops with one error naming GRAPH_CLIENT_SECRET, never its value, for a wrong secret', async () => {
    const wrong = 'wrong-secret-Zx9~value';
    await expect(once(connector(wrong))).rejects.toThrow(
      /Microsoft Graph sign-in failed: the client secret was rejected \(AADSTS7000215 invalid_client\); check GRAPH_CLIENT_SECRET/,
    );
    try {
      await once(connector(wrong));
    } catch (err) {
      expect(String((err as Error).message)).not.toContain(wrong);
      expect(JSON.stringify((err as { context?: unknown }).context)).not.toContain(wrong);
    }
  }, 60_000);
});
