import {
  loadSlackExportSeed,
  SEED_BOT_TOKEN,
  SEED_USER_TOKEN,
  type SlackSeed,
} from '@pushpull/api-doubles/slack';
import { isPushpullError, PushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { slackConnectorFor, slackDoublePerTest, slackSyncRun } from '../testing/slack-double-harness';
import type { TestSyncRun } from '../testing/test-sync-context';
import { createSlackConnector } from './slack-connector';

function withScopes(seed: SlackSeed, token: string, drop: string[]): SlackSeed {
  for (const t of seed.tokens) if (t.token === token) t.scopes = t.scopes.filter((s) => !drop.includes(s));
  return seed;
}

/** Everything a sync left behind that a person or another system could read. */
function everythingVisible(run: TestSyncRun, extra: unknown = null): string {
  return JSON.stringify({ events: run.events, logs: run.logs, progress: run.progress, extra });
}

describe('Slack connector: errors are clear, scoped and never carry the token', () => {
  const startSlack = slackDoublePerTest();

  it('stops on invalid_auth with one error naming SLACK_TOKEN, not its value', async () => {
    const slack = await startSlack();
    const token = 'xoxb-1234567890-not-a-real-token-value';
    const connector = slackConnectorFor(slack, { token });
    const run = slackSyncRun(slack);
    const err = await connector.sync(run.ctx).catch((e: unknown) => e);
    expect(isPushpullError(err, 'SLACK_AUTH')).toBe(true);
    const e = err as PushpullError;
    expect(e.message).toContain('SLACK_TOKEN');
    expect(e.message).toContain('invalid_auth');
    const visible = `${e.message} ${e.stack} ${JSON.stringify(e.context)} ${String(e.cause)} ${everythingVisible(run)}`;
    expect(visible).not.toContain(token);
    expect(visible).not.toContain('not-a-real-token-value');
    expect(slack.requestLog.map((r) => r.method)).toEqual(['auth.test']);
    expect(run.events).toEqual([]);
  });

  it('never puts the token in events, logs, progress, errors or request arguments', async () => {
    const slack = await startSlack({
      seed: withScopes(loadSlackExportSeed(), SEED_USER_TOKEN, ['groups:history']),
    });
    slack.injectFaults({
      rateLimit429: { count: 1, retryAfter: 3 },
      serverError: { count: 1, method: 'users.list' },
    });
    const connector = slackConnectorFor(slack);
    const run = slackSyncRun(slack);
    const summary = await connector.sync(run.ctx);
    expect(summary.events).toBe(62);
    expect(run.logs.length).toBeGreaterThan(3);
    expect(everythingVisible(run, summary)).not.toContain(SEED_USER_TOKEN);
    // The token went in the Authorization header only (the double records how it came).
    expect(slack.requestLog.every((r) => r.auth === 'bearer')).toBe(true);
    expect(JSON.stringify(slack.requestLog)).not.toContain(SEED_USER_TOKEN);
    // No message text in logs either.
    expect(JSON.stringify(run.logs)).not.toContain('Heads up');
  });

  it('skips a channel whose history scope is missing, naming the scope, and syncs the rest', async () => {
    const slack = await startSlack({
      seed: withScopes(loadSlackExportSeed(), SEED_USER_TOKEN, ['groups:history']),
    });
    const connector = slackConnectorFor(slack);
    const run = slackSyncRun(slack);
    const summary = await connector.sync(run.ctx);
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]?.scope).toBe('#infra');
    expect(summary.skipped[0]?.reason).toContain('"groups:history"');
    expect(summary.scopes).toBe(4);
    expect(run.events.some((e) => e.attributes.channelType === 'private')).toBe(false);
    expect(run.events).toHaveLength(62);
  });

  it('with a bot token: skips not_in_channel and unknown SLACK_CHANNELS, and drops IMs/MPIMs it may not list', async () => {
    const slack = await startSlack();
    const connector = slackConnectorFor(slack, {
      token: SEED_BOT_TOKEN,
      channels: ['#enrique', 'traveling-sailor', 'infra', 'C0NOPE'],
    });
    const run = slackSyncRun(slack);
    const summary = await connector.sync(run.ctx);

    expect(summary.scopes).toBe(1);
    expect(summary.skipped.map((s) => s.scope)).toEqual(['#infra', '#C0NOPE', '#traveling-sailor']);
    expect(summary.skipped[2]?.reason).toContain('not_in_channel');
    expect(summary.skipped[0]?.reason).toContain('SLACK_CHANNELS');
    // #enrique: the export's 30 messages and the 5 synthetic thread messages; the bot's own post is not activity.
    expect(run.events).toHaveLength(35);
    expect(run.events.every((e) => e.audience?.id === 'C0JGLMMNX')).toBe(true);
    const scopeWarnings = run.logs.filter((l) => l.level === 'warn' && l.fields.needed !== undefined);
    expect(scopeWarnings.map((l) => l.fields.needed)).toEqual(['mpim:read', 'im:read']);
    expect(scopeWarnings[0]?.message).toContain('"mpim:read"');
  });

  it('without users:read it goes on with Slack ids only, saying which scope is missing', async () => {
    const slack = await startSlack({
      seed: withScopes(loadSlackExportSeed(), SEED_USER_TOKEN, ['users:read']),
    });
    const connector = slackConnectorFor(slack, { channels: ['enrique'] });
    const run = slackSyncRun(slack);
    await connector.sync(run.ctx);
    expect(run.logs.some((l) => l.level === 'warn' && l.message.includes('"users:read"'))).toBe(true);
    expect(run.events.length).toBeGreaterThan(0);
    expect(run.events.every((e) => e.actor.email === undefined && e.actor.slackId !== undefined)).toBe(true);
  });

  it('rejects an empty token at construction, naming the variable', () => {
    expect(() =>
      createSlackConnector({ token: ' ', apiUrl: 'http://127.0.0.1:1/api/', channels: [] }),
    ).toThrow(PushpullError);
    expect(() => createSlackConnector({ token: '', apiUrl: 'x', channels: [] })).toThrow(/SLACK_TOKEN/);
  });
});
