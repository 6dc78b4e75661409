import { pgliteStorePerTest } from '@pushpull/store/testing';
import { describe, expect, it } from 'vitest';
import {
  SLACK_SINCE as SINCE,
  slackConnectorFor,
  slackDoublePerTest,
  slackSyncRun,
  standardSlackEventIds,
} from '../testing/slack-double-harness';
import { runOnce } from '../testing/test-sync-context';

const TIERED = new Set(['conversations.history', 'conversations.replies']);

describe('Slack connector on the non-Marketplace tier (1 request/minute, 15 messages)', () => {
  const store = pgliteStorePerTest('pushpull-slack-');
  const startSlack = slackDoublePerTest();

  it('detects the tier, slows down to it, completes the small workspace and reports progress', async () => {
    const expected = await standardSlackEventIds([]);
    const slack = await startSlack({ tier: 'non-marketplace' });
    const connector = slackConnectorFor(slack);
    const started = slack.clock.now();
    const run = await runOnce({ connector, store: store(), clock: slack.clock, since: SINCE });
    const summary = run.summary;

    expect(new Set(run.events.map((e) => e.id))).toEqual(expected);
    expect(run.events).toHaveLength(expected.size);
    expect(summary.skipped).toEqual([]);

    // Detected from the first history page (15 of 200 asked, more to come): no 429 needed.
    expect(run.logs.filter((l) => l.message.includes('non-Marketplace'))).toHaveLength(1);
    const log = slack.requestLog;
    expect(log.filter((r) => r.status === 429)).toHaveLength(0);
    const tiered = log.filter((r) => TIERED.has(r.method));
    expect(tiered.slice(1).every((r) => Number(r.params.limit) === 15)).toBe(true);
    for (const method of TIERED) {
      const times = log.filter((r) => r.method === method).map((r) => r.at);
      for (let i = 1; i < times.length; i += 1) {
        expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(60_000);
      }
    }
    const history = log.filter((r) => r.method === 'conversations.history').length;
    const elapsedMinutes = (slack.clock.now() - started) / 60_000;
    expect(elapsedMinutes).toBeGreaterThanOrEqual(history - 1);
    expect(elapsedMinutes).toBeLessThan(history + 1);

    const notes = run.progress.map((p) => p.note ?? '');
    expect(notes.some((n) => n.includes('non-Marketplace'))).toBe(true);
    const done = run.progress.map((p) => p.scopesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(run.progress.at(-1)).toMatchObject({ scopesDone: 5, scopesTotal: 5, events: expected.size });
    expect(new Set(run.progress.map((p) => p.events)).size).toBeGreaterThan(5);
  });

  it('keeps its cursors: a stopped backfill resumes where it stopped, without gaps or duplicates', async () => {
    const expected = await standardSlackEventIds([]);
    const slack = await startSlack({ tier: 'non-marketplace' });
    const connector = slackConnectorFor(slack, { tier: 'non-marketplace' });
    const first = await runOnce({
      connector,
      store: store(),
      clock: slack.clock,
      since: SINCE,
      stopAfterPages: 3,
    });
    expect(first.summary.events).toBe(first.events.length);
    expect(first.events.length).toBeGreaterThan(0);
    expect(first.events.length).toBeLessThan(expected.size);
    const saved = await store()
      .db.selectFrom('sync_cursor')
      .select('cursor')
      .where('source', '=', 'slack')
      .execute();
    expect(saved.some((row) => (JSON.parse(row.cursor) as { pass: unknown }).pass !== null)).toBe(true);

    slack.clock.advance(600_000);
    const second = await runOnce({ connector, store: store(), clock: slack.clock, since: SINCE });
    const all = [...first.events, ...second.events].map((e) => e.id);
    expect(all).toHaveLength(expected.size);
    expect(new Set(all)).toEqual(expected);
  });

  it('reads a long Retry-After on history as the tier when no page showed the cap', async () => {
    const slack = await startSlack({ tier: 'non-marketplace' });
    // Only conversations with ≤ 15 messages: no page is capped, the second history call meets a 429.
    const connector = slackConnectorFor(slack, { channels: ['infra', 'D0IMHAMAB', 'G0MPIMRETR'] });
    const run = slackSyncRun(slack);
    const summary = await connector.sync(run.ctx);
    expect(summary).toMatchObject({ events: 5, scopes: 3, skipped: [] });
    expect(slack.requestLog.filter((r) => r.status === 429)).toHaveLength(1);
    expect(run.logs.filter((l) => l.message.includes('non-Marketplace'))).toHaveLength(1);
    expect(run.pauses).toHaveLength(1);
  });
});
