import { describe, expect, it } from 'vitest';
import {
  SLACK_SINCE as SINCE,
  slackConnectorFor,
  slackDoublePerTest,
  standardSlackEventIds,
} from '../testing/slack-double-harness';
import { createTestSyncRun } from '../testing/test-sync-context';

describe('a Slack sync stopped mid-history', () => {
  const startSlack = slackDoublePerTest();

  it('resumes below the last page it emitted, without re-emitting or missing a message', async () => {
    const expected = await standardSlackEventIds(['enrique']);
    // 15-message pages: #enrique's history takes several.
    expect(expected.size).toBeGreaterThan(15);
    const slack = await startSlack({ tier: 'non-marketplace' });
    const connector = slackConnectorFor(slack, { channels: ['enrique'], tier: 'non-marketplace' });
    const cursors = new Map<string, string>();

    // Stopped once the first page is emitted.
    const first = createTestSyncRun({
      clock: slack.clock,
      since: SINCE,
      cursors,
      onEmit: (r) => r.abort.abort(),
    });
    expect((await connector.sync(first.ctx)).scopes).toBe(0);
    expect(first.events.length).toBeGreaterThan(0);
    expect(first.events.length).toBeLessThan(expected.size);
    const [scope, stored] = [...cursors.entries()][0]!;
    const saved = JSON.parse(stored) as {
      pass: { stream: string } | null;
      streams: { history: { next: string | null } };
    };
    expect(saved.pass?.stream).toBe('history');
    const latest = saved.streams.history.next;
    expect(latest).toMatch(/^\d+\.\d+$/);

    slack.clock.advance(600_000);
    const requestsBefore = slack.requestLog.length;
    const second = createTestSyncRun({ clock: slack.clock, since: SINCE, cursors });
    expect((await connector.sync(second.ctx)).scopes).toBe(1);
    // The resumed pass reads below the saved `latest`, not from the new run's start.
    const resumed = slack.requestLog.slice(requestsBefore).find((r) => r.method === 'conversations.history');
    expect(resumed?.params.latest).toBe(latest);
    const all = [...first.events, ...second.events].map((e) => e.id);
    expect(all).toHaveLength(expected.size);
    expect(new Set(all)).toEqual(expected);
    expect(JSON.parse(cursors.get(scope)!)).toMatchObject({
      pass: null,
      streams: { history: { next: null } },
    });
  });

  it('stopped among the watched threads, resumes at the next thread and reads no history first', async () => {
    const slack = await startSlack();
    const connector = slackConnectorFor(slack, { channels: ['C0JGLMMNX'] });
    const cursors = new Map<string, string>();
    await connector.sync(createTestSyncRun({ clock: slack.clock, since: SINCE, cursors }).ctx);
    // New replies in the two watched threads (the thread and the deleted parent's).
    const parents = ['1459332000.000101', '1459335600.000201'];
    const replies = parents.map((thread_ts) =>
      slack.postMessage({ channel: 'C0JGLMMNX', user: 'U0BMM2FEH', text: 'one more thing', thread_ts }),
    );
    slack.clock.advance(60_000);

    const first = createTestSyncRun({
      clock: slack.clock,
      since: SINCE,
      cursors,
      onEmit: (r) => r.abort.abort(),
    });
    await connector.sync(first.ctx);
    expect(first.events.map((e) => e.id)).toEqual([`slack:T0BMHLSRH:message:C0JGLMMNX:${replies[0]!.ts}`]);
    const saved = JSON.parse([...cursors.values()][0]!);
    expect(saved.pass.stream).toBe('threads');
    expect(saved.streams.threads.next).toBe(parents[1]);

    const requestsBefore = slack.requestLog.length;
    const second = createTestSyncRun({ clock: slack.clock, since: SINCE, cursors });
    await connector.sync(second.ctx);
    expect(second.events.map((e) => e.id)).toEqual([`slack:T0BMHLSRH:message:C0JGLMMNX:${replies[1]!.ts}`]);
    const read = slack.requestLog.slice(requestsBefore).filter((r) => r.method.startsWith('conversations.'));
    expect(read.map((r) => `${r.method} ${r.params.ts ?? ''}`)).toEqual([
      'conversations.list ',
      `conversations.replies ${parents[1]}`,
      'conversations.members ',
    ]);
  });
});
