import { ActivityEventSchema } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { readSyncCursor } from '../kit/sync-cursor';
import { migrateChannelCursorV1 } from './channel-cursor';
import {
  mapSlackMessage,
  type SlackMappingContext,
  type SlackUserInfo,
  slackMentions,
} from './map-slack-message';
import { slackMessageKind } from './slack-message-kind';
import type { SlackMessage } from './slack-schemas';
import { compareSlackTs, dateToSlackTs, slackTsToIso } from './slack-ts';

const users = new Map<string, SlackUserInfo>([
  ['U1', { id: 'U1', email: 'ada@example.com', name: 'Ada', isBot: false }],
  ['U2', { id: 'U2', email: 'bob@example.com', name: 'Bob', isBot: false }],
  ['U3', { id: 'U3', name: 'Cy', isBot: false }],
  ['UBOT', { id: 'UBOT', name: 'deploybot', isBot: true }],
]);

function context(channel: Partial<SlackMappingContext['channel']> = {}): SlackMappingContext {
  return {
    teamId: 'T1',
    workspaceUrl: 'https://acme.slack.com/',
    channel: { id: 'C1', name: 'general', type: 'public', size: 40, ...channel },
    users,
    authUserId: 'U1',
  };
}

const msg = (m: Partial<SlackMessage>): SlackMessage => ({ type: 'message', ts: '1700000000.000100', ...m });

describe('mapSlackMessage', () => {
  it('maps a channel post to one broadcast event with mentions as targets', () => {
    const e = mapSlackMessage(
      msg({ user: 'U1', text: 'Ping <@U2> and <@U3|cy>, also <@U2> and <@UBOT>' }),
      context(),
    );
    expect(e).toEqual({
      id: 'slack:T1:message:C1:1700000000.000100',
      source: 'slack',
      type: 'slack.message.posted',
      occurredAt: '2023-11-14T22:13:20.000Z',
      actor: { slackId: 'U1', email: 'ada@example.com', name: 'Ada' },
      targets: [
        { slackId: 'U2', email: 'bob@example.com', name: 'Bob', role: 'mention' },
        { slackId: 'U3', name: 'Cy', role: 'mention' },
      ],
      conversationId: 'slack:T1:C1',
      inReplyTo: null,
      text: 'Ping <@U2> and <@U3|cy>, also <@U2> and <@UBOT>',
      url: 'https://acme.slack.com/archives/C1/p1700000000000100',
      audience: { kind: 'channel', id: 'C1', size: 40 },
      attributes: { channelType: 'public', channelName: 'general' },
    });
    expect(ActivityEventSchema.safeParse(e).success).toBe(true);
  });

  it('links a thread reply to its parent and targets the parent author once', () => {
    const reply = msg({
      ts: '1700000100.000200',
      thread_ts: '1700000000.000100',
      user: 'U2',
      parent_user_id: 'U1',
      text: 'thanks <@U1>',
    });
    const e = mapSlackMessage(reply, context());
    expect(e?.inReplyTo).toBe('slack:T1:message:C1:1700000000.000100');
    expect(e?.conversationId).toBe('slack:T1:C1:1700000000.000100');
    expect(e?.targets).toEqual([{ slackId: 'U1', email: 'ada@example.com', name: 'Ada', role: 'author' }]);
    expect(e?.url).toBe(
      'https://acme.slack.com/archives/C1/p1700000100000200?thread_ts=1700000000.000100&cid=C1',
    );
    // The parent author can also come from the thread (replies fetched with their parent).
    const { parent_user_id: _omitted, ...bare } = reply;
    expect(mapSlackMessage(bare, context(), { parentUserId: 'U1' })?.targets[0]?.role).toBe('author');
    // A parent with replies lives in its thread's conversation.
    const parent = mapSlackMessage(
      msg({ user: 'U1', thread_ts: '1700000000.000100', reply_count: 2 }),
      context(),
    );
    expect(parent?.conversationId).toBe('slack:T1:C1:1700000000.000100');
    expect(parent?.inReplyTo).toBeNull();
  });

  it('treats a thread broadcast as a reply shown in the channel', () => {
    const e = mapSlackMessage(
      msg({ subtype: 'thread_broadcast', user: 'U3', thread_ts: '1699999999.000001', parent_user_id: 'U2' }),
      context(),
    );
    expect(e?.inReplyTo).toBe('slack:T1:message:C1:1699999999.000001');
    expect(e?.attributes).toMatchObject({ threadBroadcast: true, subtype: 'thread_broadcast' });
    const fromRoot = mapSlackMessage(
      msg({ subtype: 'thread_broadcast', user: 'U3', thread_ts: '1699999999.000001', root: { user: 'U1' } }),
      context(),
    );
    expect(fromRoot?.targets).toEqual([expect.objectContaining({ slackId: 'U1', role: 'author' })]);
  });

  it('targets the other party of an IM and the other people of an MPIM', () => {
    const im = context({ id: 'D1', type: 'im', imUserId: 'U2', name: undefined, size: 2 });
    expect(mapSlackMessage(msg({ user: 'U1', text: 'hi' }), im)?.targets).toEqual([
      expect.objectContaining({ slackId: 'U2', role: 'dm' }),
    ]);
    expect(mapSlackMessage(msg({ user: 'U2', text: 'hi <@U1>' }), im)?.targets).toEqual([
      expect.objectContaining({ slackId: 'U1', role: 'dm' }),
    ]);
    const mpim = context({ id: 'G1', type: 'mpim', memberIds: ['U1', 'U2', 'U3', 'UBOT'], size: 3 });
    const e = mapSlackMessage(msg({ user: 'U2', text: 'hey' }), mpim);
    expect(e?.targets.map((t) => `${t.slackId}:${t.role}`)).toEqual(['U1:dm', 'U3:dm']);
    expect(e?.attributes.channelType).toBe('mpim');
  });

  it('ignores system and bot messages, keeps file shares, /me and file comments', () => {
    for (const subtype of [
      'channel_join',
      'channel_leave',
      'channel_topic',
      'channel_purpose',
      'pinned_item',
    ]) {
      expect(mapSlackMessage(msg({ subtype, user: 'U1' }), context())).toBeNull();
    }
    expect(
      mapSlackMessage(msg({ subtype: 'bot_message', bot_id: 'B1', text: 'deploy ok' }), context()),
    ).toBeNull();
    expect(mapSlackMessage(msg({ user: 'UBOT', bot_id: 'B2', text: 'digest' }), context())).toBeNull();
    expect(mapSlackMessage(msg({ user: 'UBOT', text: 'no bot_id but a bot user' }), context())).toBeNull();
    expect(mapSlackMessage(msg({ user: 'USLACKBOT', text: 'reminder' }), context())).toBeNull();
    expect(mapSlackMessage(msg({ user: 'U1', hidden: true }), context())).toBeNull();
    expect(
      mapSlackMessage(msg({ subtype: 'file_share', user: 'U1', bot_id: null }), context()),
    ).not.toBeNull();
    expect(mapSlackMessage(msg({ subtype: 'me_message', user: 'U1' }), context())).not.toBeNull();
    const comment = mapSlackMessage(
      msg({ subtype: 'file_comment', comment: { user: 'U2', comment: 'nice one <@U1>' }, text: 'x' }),
      context(),
    );
    expect(comment?.actor.slackId).toBe('U2');
    expect(comment?.text).toBe('nice one <@U1>');
    expect(slackMessageKind(msg({ subtype: 'channel_name', user: 'U1' }), () => false)).toBe('system');
  });

  it('records a deleted thread parent without text, and an edit changes neither id nor anything but text', () => {
    const tombstone = msg({
      subtype: 'tombstone',
      user: 'USLACKBOT',
      hidden: true,
      text: 'This message was deleted.',
      thread_ts: '1700000000.000100',
      reply_count: 1,
    });
    const deleted = mapSlackMessage(tombstone, context(), { parentUserId: 'U2' });
    expect(deleted).toMatchObject({ actor: { slackId: 'U2' }, text: null, attributes: { deleted: true } });
    expect(mapSlackMessage(tombstone, context())).toBeNull();

    const original = mapSlackMessage(msg({ user: 'U1', text: 'v1' }), context());
    const edited = mapSlackMessage(
      msg({ user: 'U1', text: 'v2', edited: { user: 'U1', ts: '1700000500.000000' } }),
      context(),
    );
    expect(edited?.id).toBe(original?.id);
    expect({ ...edited, text: 'v1' }).toEqual(original);
  });

  it('is pure: the same input gives the same output and does not change the input', () => {
    const m = msg({ user: 'U1', text: '<@U2> ok' });
    const copy = structuredClone(m);
    expect(mapSlackMessage(m, context())).toEqual(mapSlackMessage(m, context()));
    expect(m).toEqual(copy);
  });
});

describe('Slack helpers', () => {
  it('parses mentions, compares ts and converts times', () => {
    expect(slackMentions('<@U1> <@W2|x> <#C1|general> <@U1>')).toEqual(['U1', 'W2']);
    expect(compareSlackTs('1700000000.000100', '1700000000.000099')).toBeGreaterThan(0);
    expect(compareSlackTs('999999999.9', '1000000000.000001')).toBeLessThan(0);
    expect(slackTsToIso('1452837352.000006')).toBe('2016-01-15T05:55:52.000Z');
    expect(dateToSlackTs(new Date('2016-01-01T00:00:00Z'))).toBe('1451606400.000000');
  });

  it('migrates a channel cursor of version 1 (a pass in progress, watched threads) and rejects foreign ones', () => {
    const v1 = {
      v: 1,
      oldest: '1459332000.000101',
      pass: { latest: '1459400000.000001', newest: '1459399000.000300' },
      threads: { '1459332000.000101': '1459332120.000104' },
    };
    const { cursor, status } = readSyncCursor(JSON.stringify(v1), migrateChannelCursorV1);
    expect(status).toBe('migrated');
    expect(cursor).toEqual({
      v: 2,
      streams: {
        history: {
          mark: '1459332000.000101',
          next: '1459400000.000001',
          etag: null,
          origin: null,
          children: { '1459332000.000101': '1459332120.000104' },
        },
      },
      pass: {
        startedAt: '2016-03-31T04:53:20.000Z',
        stream: 'history',
        changed: [],
        newest: '1459399000.000300',
        seen: [],
      },
      seen: [],
    });
    expect(migrateChannelCursorV1({ v: 1, oldest: '1459332000.000101' })?.pass).toBeNull();
    expect(migrateChannelCursorV1('2016-01-01T00:00:00Z')).toBeNull();
    expect(migrateChannelCursorV1({ v: 1, oldest: 'yesterday' })).toBeNull();
  });
});
