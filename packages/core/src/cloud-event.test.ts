import { describe, expect, it } from 'vitest';
import { type ActivityEvent, ActivityEventSchema } from './activity-event';
import {
  ACTIVITY_CE_TYPE,
  decodeActivity,
  decodeLabeled,
  encodeActivity,
  encodeLabeled,
  toActivityMessage,
} from './cloud-event';
import { isPushpullError } from './errors';
import { eventId } from './ids';
import { LabeledEventSchema } from './labeled-event';

const sample: ActivityEvent = ActivityEventSchema.parse({
  id: 'github:panjf2000/ants:issue_comment:407675431',
  source: 'github',
  type: 'github.issue_comment.created',
  occurredAt: '2018-07-25T02:01:02Z',
  actor: { githubLogin: 'panjf2000', githubId: 7496278 },
  targets: [{ githubLogin: 'someone', role: 'mention' }],
  conversationId: 'github:panjf2000/ants:issue:4',
  inReplyTo: null,
  subject: 'Add a pool with func',
  text: 'Thanks, merged. Could you also add a benchmark?',
  url: 'https://github.com/panjf2000/ants/pull/4#issuecomment-407675431',
  audience: { kind: 'repo', id: 'panjf2000/ants', size: null },
  attributes: {},
});

/** A valid labeled event (a proactive push) for the labeled codec and schema. */
const labeledSample = {
  id: 'a',
  mode: 'push',
  initiative: 'proactive',
  confidence: 0.9,
  reasons: ['x'],
  classifierVersion: '0.1.0',
  actor: { personId: 'p:a@x.com' },
  edges: [],
};

describe('CloudEvents codec', () => {
  it('round-trips an ActivityEvent in a structured-mode envelope', () => {
    const bytes = encodeActivity(sample);
    const env = JSON.parse(bytes.toString());
    expect(env.specversion).toBe('1.0');
    expect(env.id).toBe(sample.id);
    expect(env.datacontenttype).toBe('application/json');
    expect(decodeActivity(bytes)).toEqual(sample);
  });

  it('builds raw and labeled messages with the Kafka binding content-type and their keys', () => {
    const m = toActivityMessage(sample);
    expect(m.key).toBe(sample.conversationId);
    expect(m.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(decodeActivity(m.value)).toEqual(sample);
    const noConversation = toActivityMessage({ ...sample, conversationId: null });
    expect(noConversation.key).toBe(sample.id);
  });

  it('names the problem of a malformed message', () => {
    const bad = [
      ['{not json', /not valid JSON/],
      [JSON.stringify({ hello: 1 }), /not a CloudEvents 1.0 envelope/],
      [
        JSON.stringify({
          specversion: '1.0',
          id: 'x',
          source: 's',
          type: 'dev.pushpull.activity.v1',
          data: {},
        }),
        /bad ActivityEvent: id/,
      ],
    ] as const;
    for (const [input, message] of bad) {
      try {
        decodeActivity(input);
        expect.unreachable();
      } catch (err) {
        expect(isPushpullError(err, 'EVENT_MALFORMED')).toBe(true);
        expect((err as Error).message).toMatch(message);
      }
    }
  });

  it('writes a labeled envelope as JSON.stringify would, with or without a time', () => {
    const labeled = LabeledEventSchema.parse({
      ...labeledSample,
      id: 'a "quoted" \\ id',
      occurredAt: '2024-05-01T09:00:00Z',
    });
    for (const event of [labeled, { ...labeled, occurredAt: undefined }]) {
      const envelope = {
        specversion: '1.0',
        id: event.id,
        source: '/pushpull/classifier',
        type: 'dev.pushpull.labeled.v1',
        ...(event.occurredAt ? { time: event.occurredAt } : {}),
        datacontenttype: 'application/json',
        data: event,
      };
      expect(encodeLabeled(event).toString('utf8')).toBe(JSON.stringify(envelope));
    }
  });

  it('decodes a view into a larger buffer, and names a bad envelope field', () => {
    const bytes = encodeActivity(sample);
    const framed = new Uint8Array(bytes.length + 8);
    framed.set(bytes, 4);
    expect(decodeActivity(framed.subarray(4, 4 + bytes.length))).toEqual(sample);
    const envelope = JSON.parse(bytes.toString('utf8'));
    expect(() => decodeActivity(JSON.stringify({ ...envelope, id: '' }))).toThrow(
      /not a CloudEvents 1.0 envelope: id/,
    );
    expect(() => decodeActivity(JSON.stringify({ ...envelope, time: 5 }))).toThrow(
      /not a CloudEvents 1.0 envelope: time/,
    );
  });

  it('refuses a labeled envelope on the raw codec', () => {
    const labeled = LabeledEventSchema.parse(labeledSample);
    expect(decodeLabeled(encodeLabeled(labeled))).toEqual(labeled);
    expect(() => decodeActivity(encodeLabeled(labeled))).toThrow(/expected dev.pushpull.activity.v1/);
  });
});

describe('schemas', () => {
  it('refuses an identity with nothing to resolve', () => {
    const r = ActivityEventSchema.safeParse({ ...sample, actor: { name: 'Nobody' } });
    expect(r.success).toBe(false);
  });
  it('refuses initiative on a pull', () => {
    expect(LabeledEventSchema.safeParse(labeledSample).success).toBe(true);
    const r = LabeledEventSchema.safeParse({ ...labeledSample, mode: 'pull', actor: { personId: null } });
    expect(r.success).toBe(false);
  });
  it('builds deterministic ids and refuses empty parts', () => {
    expect(eventId('slack', 'T1', 'message', 'C1:1.2')).toBe(eventId('slack', 'T1', 'message', 'C1:1.2'));
    expect(() => eventId('slack', '', 'message', 1)).toThrow(/scope is empty/);
  });
});

describe('a raw message nested too deep', () => {
  it('is EVENT_MALFORMED naming the depth, not a stack overflow', () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const message = `{"specversion":"1.0","id":"x","source":"/t","type":"${ACTIVITY_CE_TYPE}","data":${deep}}`;
    expect(() => decodeActivity(message)).toThrow(
      expect.toSatisfy(
        (err) => isPushpullError(err, 'EVENT_MALFORMED') && /nested \d+ levels deep/.test(String(err)),
      ),
    );
  });
});
