import { loadSlackExportSeed, type SlackSeed } from '@pushpull/api-doubles/slack';
import { ActivityEventSchema } from '@pushpull/core';
import { getCursor, setCursor } from '@pushpull/store';
import { pgliteStorePerTest } from '@pushpull/store/testing';
import { describe, expect, it } from 'vitest';
import {
  SLACK_SINCE as SINCE,
  slackConnectorFor,
  slackDoublePerTest,
  slackSyncRun,
} from '../testing/slack-double-harness';
import { runOnce } from '../testing/test-sync-context';

const TEAM = 'T0BMHLSRH';
const HAMZA = 'U0BMQB6JE';
const id = (channel: string, ts: string) => `slack:${TEAM}:message:${channel}:${ts}`;

/**
 * The activity the token's user (hamza) can see, counted straight from the seed, without the
 * connector's code: person-written subtypes from people, plus deleted thread parents (tombstones)
 * that still have replies, in every conversation hamza is a member of.
 */
function expectedActivity(seed: SlackSeed): { ids: Set<string>; system: Set<string>; bots: Set<string> } {
  const botUsers = new Set(seed.users.filter((u) => u.is_bot).map((u) => u.id));
  botUsers.add('USLACKBOT');
  const personSubtypes = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message', 'file_comment']);
  const ids = new Set<string>();
  const system = new Set<string>();
  const bots = new Set<string>();
  for (const c of seed.conversations) {
    if (!c.members.includes(HAMZA)) continue;
    const messages = seed.messages[c.id] ?? [];
    for (const m of messages) {
      const author = m.subtype === 'file_comment' ? (m.comment as { user: string }).user : m.user;
      if (m.subtype === 'tombstone') {
        if (messages.some((r) => r.thread_ts === m.ts && r.ts !== m.ts)) ids.add(id(c.id, m.ts));
      } else if (
        m.bot_id ||
        m.subtype === 'bot_message' ||
        m.subtype === 'bot_add' ||
        botUsers.has(author ?? '')
      ) {
        bots.add(id(c.id, m.ts));
      } else if (!personSubtypes.has(m.subtype)) {
        system.add(id(c.id, m.ts));
      } else {
        ids.add(id(c.id, m.ts));
      }
    }
  }
  return { ids, system, bots };
}

describe('Slack connector against the seeded Slack double', () => {
  const store = pgliteStorePerTest('pushpull-slack-');
  const startSlack = slackDoublePerTest();

  it('emits exactly the activity once, then nothing, then only what was posted since', async () => {
    const seed = loadSlackExportSeed();
    const expected = expectedActivity(seed);
    // The export's 49 plain messages, 3 file shares and 1 file comment (#enrique 30, #traveling-sailor 23),
    // plus the synthetic additions: 3 thread messages, 1 deleted parent + its reply, a /me, 2 private, 2 IM, 1 MPIM.
    expect(expected.ids.size).toBe(64);
    const slack = await startSlack({ seed });
    const connector = slackConnectorFor(slack);
    const once = () => runOnce({ connector, store: store(), clock: slack.clock, since: SINCE });

    // One `--once` run through the kit (cursors in the store's sync_cursor, events validated).
    const first = await once();
    const summary = first.summary;
    const ids = first.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(expected.ids);
    for (const e of first.events) expect(ActivityEventSchema.safeParse(e).success).toBe(true);
    expect(ids.some((i) => expected.system.has(i) || expected.bots.has(i))).toBe(false);
    expect(summary).toMatchObject({ events: 64, scopes: 5, skipped: [] });
    expect(summary.requests).toBe(slack.requestLog.length);

    // Thread replies and the broadcast point at their parent and live in the thread's conversation.
    const parent = id('C0JGLMMNX', '1459332000.000101');
    const byId = new Map(first.events.map((e) => [e.id, e]));
    const reply = byId.get(id('C0JGLMMNX', '1459332060.000102'));
    const broadcast = byId.get(id('C0JGLMMNX', '1459332120.000104'));
    for (const r of [reply, broadcast]) {
      expect(r?.inReplyTo).toBe(parent);
      expect(r?.conversationId).toBe(`slack:${TEAM}:C0JGLMMNX:1459332000.000101`);
      expect(r?.targets).toContainEqual(expect.objectContaining({ slackId: 'U0BMYT2FL', role: 'author' }));
    }
    expect(byId.get(parent)?.conversationId).toBe(`slack:${TEAM}:C0JGLMMNX:1459332000.000101`);
    expect(broadcast?.attributes).toMatchObject({ threadBroadcast: true, channelType: 'public' });
    expect(reply?.actor).toEqual({
      slackId: HAMZA,
      email: 'hamza@mesos-magellan.example',
      name: 'Hamza Faran',
    });

    // The deleted parent is recorded, attributed to its author, without text.
    const deleted = byId.get(id('C0JGLMMNX', '1459335600.000201'));
    expect(deleted).toMatchObject({
      text: null,
      actor: { slackId: 'U0BMYT2FL' },
      attributes: { deleted: true },
    });
    expect(byId.get(id('C0JGLMMNX', '1459335660.000202'))?.inReplyTo).toBe(deleted?.id);

    // A channel post is one broadcast to its audience (people only: the pushpull bot is not counted).
    const top = byId.get(id('C0JGLMMNX', '1452837352.000006'));
    expect(top).toMatchObject({
      conversationId: `slack:${TEAM}:C0JGLMMNX`,
      inReplyTo: null,
      audience: { kind: 'channel', id: 'C0JGLMMNX', size: 4 },
      url: 'https://mesos-magellan.slack.com/archives/C0JGLMMNX/p1452837352000006',
      targets: [
        {
          slackId: 'U0BMYT2FL',
          email: 'abilinski@mesos-magellan.example',
          name: 'Harry Potter',
          role: 'mention',
        },
      ],
    });
    // IM: the other party is the target; MPIM: the other members.
    expect(byId.get(id('D0IMHAMAB', '1459401060.000602'))).toMatchObject({
      attributes: { channelType: 'im' },
      targets: [{ slackId: 'U0BMYT2FL', role: 'dm' }],
      audience: { size: 2 },
    });
    expect(byId.get(id('D0IMHAMAB', '1459401000.000601'))?.targets).toEqual([
      expect.objectContaining({ slackId: HAMZA, role: 'dm' }),
    ]);
    const mpim = byId.get(id('G0MPIMRETR', '1459402000.000701'));
    expect(mpim?.attributes.channelType).toBe('mpim');
    expect(mpim?.targets.map((t) => `${t.slackId}:${t.role}`).sort()).toEqual([
      `${HAMZA}:dm`,
      'U0BMYT2FL:dm',
    ]);
    expect(byId.get(id('C0PRIVINF', '1459400060.000502'))?.attributes.channelType).toBe('private');
    // A person without a known email is identified by Slack id (and name).
    expect(byId.get(id('C0JGLMMNX', '1459335660.000202'))?.actor).toEqual({
      slackId: 'U0BMM2FEH',
      name: 'heroeshannibal',
    });
    // Progress was reported up to every conversation done.
    expect(first.progress.at(-1)).toMatchObject({ scopesDone: 5, scopesTotal: 5, events: 64 });

    const saved = JSON.parse((await getCursor(store().db, 'slack', `${TEAM}/C0JL6CGQ2`)) ?? '{}');
    expect(saved).toMatchObject({
      v: 2,
      pass: null,
      streams: { history: { mark: '1459339500.000401', next: null } },
    });
    // An installation upgraded from cursor version 1 resumes where it was: the same state in the old
    // format gives a second run with nothing new, like the current format does.
    await setCursor(
      store().db,
      'slack',
      `${TEAM}/C0JL6CGQ2`,
      JSON.stringify({
        v: 1,
        oldest: saved.streams.history.mark,
        pass: null,
        threads: saved.streams.history.children,
      }),
    );

    // Second run: nothing new.
    slack.clock.advance(3_600_000);
    const second = await once();
    expect(second.summary.events).toBe(0);
    expect(second.events).toEqual([]);

    // An edit changes nothing; a new post is the only event of the third run.
    slack.editMessage('C0JL6CGQ2', '1459339500.000401', 'is heading out early today');
    slack.clock.advance(60_000);
    const posted = slack.postMessage({
      channel: 'C0JL6CGQ2',
      user: 'U0BMYT2FL',
      text: 'Is the 1000-city run done?',
    });
    slack.clock.advance(60_000);
    const third = await once();
    expect(third.events.map((e) => e.id)).toEqual([id('C0JL6CGQ2', posted.ts)]);
    expect(third.events[0]?.text).toBe('Is the 1000-city run done?');

    // A reply to a recent thread (older than the history window) is still collected next run.
    const late = slack.postMessage({
      channel: 'C0JGLMMNX',
      user: 'U0BMM2FEH',
      text: 'Late to this, but looks good',
      thread_ts: '1459332000.000101',
    });
    slack.clock.advance(60_000);
    const fourth = await once();
    expect(fourth.events.map((e) => e.id)).toEqual([id('C0JGLMMNX', late.ts)]);
    expect(fourth.events[0]).toMatchObject({
      inReplyTo: parent,
      targets: [{ slackId: 'U0BMYT2FL', role: 'author' }],
    });
  });

  it('delays on an injected HTTP 429 with Retry-After and loses nothing', async () => {
    const seed = loadSlackExportSeed();
    const slack = await startSlack({ seed });
    slack.injectFaults({ rateLimit429: { count: 2, method: 'conversations.history', retryAfter: 30 } });
    slack.injectFaults({ rateLimit429: { count: 1, method: 'users.list', retryAfter: 5 } });
    const connector = slackConnectorFor(slack);
    const started = slack.clock.now();
    const run = await runOnce({ connector, store: store(), clock: slack.clock, since: SINCE });
    const summary = run.summary;

    expect(new Set(run.events.map((e) => e.id))).toEqual(expectedActivity(seed).ids);
    expect(run.events).toHaveLength(64);
    expect(slack.requestLog.filter((r) => r.status === 429)).toHaveLength(3);
    expect(run.pauses).toHaveLength(3);
    expect(slack.clock.now() - started).toBeGreaterThanOrEqual(65_000);
    expect(run.logs.filter((l) => l.message.includes('HTTP 429'))).toHaveLength(3);
    expect(summary.requests).toBe(slack.requestLog.length);
  });

  it('retries a Slack 5xx and goes on', async () => {
    const slack = await startSlack();
    slack.injectFaults({ serverError: { count: 2, method: 'conversations.list', status: 503 } });
    const connector = slackConnectorFor(slack);
    const run = slackSyncRun(slack);
    const summary = await connector.sync(run.ctx);
    expect(summary.events).toBe(64);
    expect(slack.requestLog.filter((r) => r.method === 'conversations.list').map((r) => r.status)).toEqual([
      503, 503, 200,
    ]);
  });
});
