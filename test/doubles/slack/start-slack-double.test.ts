import { afterEach, describe, expect, it } from 'vitest';
import { loadSlackExportSeed, SEED_BOT_TOKEN, SEED_USER_TOKEN } from './load-slack-export-seed';
import { type SlackDouble, startSlackDouble } from './start-slack-double';

type Json = Record<string, unknown> & { ok: boolean; error?: string };

describe('Slack Web API double', () => {
  let slack: SlackDouble | undefined;
  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });

  async function call(
    method: string,
    args: Record<string, string> = {},
    init: { token?: string | null; json?: boolean } = {},
  ): Promise<{ status: number; headers: Headers; body: Json }> {
    const token = init.token === undefined ? SEED_USER_TOKEN : init.token;
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const body = init.json ? JSON.stringify(args) : new URLSearchParams(args).toString();
    headers['content-type'] = init.json ? 'application/json' : 'application/x-www-form-urlencoded';
    const res = await fetch(`${slack?.url}${method}`, { method: 'POST', headers, body });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  }

  it('serves the real export: 4 people + bot + Slackbot, channels, 158 export messages', async () => {
    const seed = loadSlackExportSeed();
    const exported = (seed.messages.C0JGLMMNX?.length ?? 0) + (seed.messages.C0JL6CGQ2?.length ?? 0);
    expect(exported).toBe(158 + 11);
    slack = await startSlackDouble({ seed });
    const auth = await call('auth.test');
    expect(auth.body).toMatchObject({ ok: true, team_id: 'T0BMHLSRH', user_id: 'U0BMQB6JE' });
    expect(auth.body.url).toBe('https://mesos-magellan.slack.com/');
    const users = await call('users.list', { limit: '4' });
    expect((users.body.members as unknown[]).length).toBe(4);
    const next = (users.body.response_metadata as { next_cursor: string }).next_cursor;
    expect(next).not.toBe('');
    const rest = await call('users.list', { limit: '4', cursor: next });
    expect((rest.body.members as { id: string }[]).map((u) => u.id)).toEqual(['U0PUSHBOT', 'USLACKBOT']);
    expect((rest.body.response_metadata as { next_cursor: string }).next_cursor).toBe('');
  });

  it('authenticates by bearer header or token argument and reports not_authed / invalid_auth', async () => {
    slack = await startSlackDouble();
    expect((await call('auth.test', {}, { token: null })).body).toEqual({ ok: false, error: 'not_authed' });
    expect((await call('auth.test', {}, { token: 'xoxb-wrong' })).body).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect((await call('auth.test', { token: SEED_BOT_TOKEN }, { token: null })).body.user_id).toBe(
      'U0PUSHBOT',
    );
    expect((await call('nope.method')).status).toBe(404);
    expect(slack.requestLog.map((r) => r.auth)).toEqual(['none', 'bearer', 'param', 'bearer']);
    expect(JSON.stringify(slack.requestLog)).not.toContain(SEED_BOT_TOKEN);
  });

  it('pages history newest first within oldest/latest/inclusive, by cursor and limit caps', async () => {
    slack = await startSlackDouble();
    const range = { channel: 'C0JGLMMNX', oldest: '1458946055.000002', latest: '1458952829.000010' };
    const first = await call('conversations.history', { ...range, limit: '3' });
    const ts = (b: Json) => (b.messages as { ts: string }[]).map((m) => m.ts);
    expect(ts(first.body)).toEqual(['1458952297.000009', '1458952297.000008', '1458947525.000007']);
    expect(first.body.has_more).toBe(true);
    const cursor = (first.body.response_metadata as { next_cursor: string }).next_cursor;
    const second = await call('conversations.history', { ...range, limit: '3', cursor });
    expect(ts(second.body)).toEqual(['1458947524.000006', '1458947378.000005', '1458946356.000004']);
    expect(second.body.has_more).toBe(true);
    const next = (second.body.response_metadata as { next_cursor: string }).next_cursor;
    const third = await call('conversations.history', { ...range, limit: '3', cursor: next });
    expect(ts(third.body)).toEqual(['1458946176.000003']);
    expect(third.body).toMatchObject({ has_more: false });
    const inclusive = await call('conversations.history', { ...range, inclusive: 'true', limit: '100' });
    expect(ts(inclusive.body)).toHaveLength(9);
    // Only `oldest`: the page nearest to it (paging forward), still newest first; JSON bodies work too.
    const forward = await call(
      'conversations.history',
      { channel: 'C0JGLMMNX', oldest: '0', limit: '2' },
      { json: true },
    );
    expect(ts(forward.body)).toEqual(['1452837318.000003', '1452837318.000002']);
    // A thread parent carries its thread fields; plain replies stay out of history, broadcasts do not.
    const thread = await call('conversations.history', {
      channel: 'C0JGLMMNX',
      oldest: '1459332000',
      latest: '1459332200',
    });
    expect(ts(thread.body)).toEqual(['1459332120.000104', '1459332000.000101']);
    expect((thread.body.messages as Json[])[1]).toMatchObject({
      reply_count: 3,
      latest_reply: '1459332120.000104',
    });
  });

  it('serves replies parent first, with parent_user_id, and errors like Slack', async () => {
    slack = await startSlackDouble();
    const replies = await call('conversations.replies', {
      channel: 'C0JGLMMNX',
      ts: '1459332000.000101',
      limit: '2',
    });
    const messages = replies.body.messages as Json[];
    expect(messages.map((m) => m.ts)).toEqual(['1459332000.000101', '1459332060.000102']);
    expect(messages[1]?.parent_user_id).toBe('U0BMYT2FL');
    expect(replies.body.has_more).toBe(true);
    expect((await call('conversations.replies', { channel: 'C0JGLMMNX', ts: '1.0' })).body.error).toBe(
      'thread_not_found',
    );
    expect((await call('conversations.history', { channel: 'C0NOPE' })).body.error).toBe('channel_not_found');
    const notIn = await call('conversations.history', { channel: 'C0JL6CGQ2' }, { token: SEED_BOT_TOKEN });
    expect(notIn.body.error).toBe('not_in_channel');
    const scope = await call('conversations.list', { types: 'public_channel,im' }, { token: SEED_BOT_TOKEN });
    expect(scope.body).toMatchObject({ ok: false, error: 'missing_scope', needed: 'im:read' });
    expect(scope.headers.get('x-accepted-oauth-scopes')).toBe('im:read');
  });

  it('answers 429 with Retry-After when told to, and applies the non-Marketplace tier on its clock', async () => {
    slack = await startSlackDouble();
    slack.injectFaults({ rateLimit429: { count: 1, retryAfter: 7 } });
    const limited = await call('auth.test');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.error).toBe('ratelimited');
    expect((await call('auth.test')).status).toBe(200);

    slack.injectFaults({ tier: 'non-marketplace' });
    const page = await call('conversations.history', { channel: 'C0JGLMMNX', limit: '200' });
    expect((page.body.messages as unknown[]).length).toBe(15);
    expect(page.body.has_more).toBe(true);
    const tooSoon = await call('conversations.history', { channel: 'C0JGLMMNX' });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers.get('retry-after')).toBe('60');
    expect(
      (await call('conversations.replies', { channel: 'C0JGLMMNX', ts: '1459332000.000101' })).status,
    ).toBe(200);
    await slack.clock.sleep(59_000);
    expect((await call('conversations.history', { channel: 'C0JGLMMNX' })).headers.get('retry-after')).toBe(
      '1',
    );
    await slack.clock.sleep(1_000);
    expect((await call('conversations.history', { channel: 'C0JGLMMNX' })).status).toBe(200);
    expect((await call('users.list')).status).toBe(200);
  });

  it('posts, edits and deletes messages like Slack does', async () => {
    slack = await startSlackDouble();
    const posted = slack.postMessage({ channel: 'C0JL6CGQ2', user: 'U0BMS113R', text: 'new' });
    expect(posted.ts).toBe(`${Math.floor(slack.clock.now() / 1000)}.000001`);
    const reply = slack.postMessage({
      channel: 'C0JL6CGQ2',
      user: 'U0BMQB6JE',
      text: 're',
      thread_ts: posted.ts,
    });
    expect(reply.ts > posted.ts).toBe(true);
    slack.editMessage('C0JL6CGQ2', reply.ts, 'edited');
    slack.deleteMessage('C0JL6CGQ2', posted.ts);
    const history = await call('conversations.history', { channel: 'C0JL6CGQ2', limit: '1' });
    expect((history.body.messages as Json[])[0]).toMatchObject({
      subtype: 'tombstone',
      ts: posted.ts,
      reply_count: 1,
    });
    const thread = await call('conversations.replies', { channel: 'C0JL6CGQ2', ts: posted.ts });
    expect((thread.body.messages as Json[])[1]).toMatchObject({
      text: 'edited',
      parent_user_id: 'U0BMS113R',
    });
    slack.deleteMessage('C0JL6CGQ2', reply.ts);
    expect(
      (await call('conversations.replies', { channel: 'C0JL6CGQ2', ts: posted.ts })).body.messages,
    ).toHaveLength(1);
  });
});
