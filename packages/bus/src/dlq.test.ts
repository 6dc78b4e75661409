import { describe, expect, it } from 'vitest';
import type { Batch, BusMessage, OutgoingMessage } from './bus';
import { DLQ_MAX_REASON_LENGTH, deadLetterMessage, isDlqTopic, publishDeadLetters } from './dlq';

const message = (offset: string, value: Buffer): BusMessage => ({
  topic: 'raw',
  partition: 2,
  offset,
  key: 'conv-1',
  value,
  headers: { 'ce-id': 'e1' },
});

describe('deadLetterMessage', () => {
  it('keeps the original key, bytes and headers and adds reason, step and source', () => {
    const value = Buffer.from([0, 1, 2, 255]);
    const out = deadLetterMessage(message('41', value), 'bad\nJSON', 'decode');
    expect(out.key).toBe('conv-1');
    expect(out.value).toBe(value);
    expect(out.headers).toEqual({
      'ce-id': 'e1',
      'dlq-reason': 'bad JSON',
      'dlq-step': 'decode',
      'dlq-source-topic': 'raw',
      'dlq-source-partition': '2',
      'dlq-source-offset': '41',
    });
  });

  it('cuts a long reason', () => {
    const out = deadLetterMessage(message('1', Buffer.alloc(0)), 'r'.repeat(10_000), 's');
    expect(out.headers?.['dlq-reason']).toHaveLength(DLQ_MAX_REASON_LENGTH);
    expect(out.headers?.['dlq-reason']?.endsWith('…')).toBe(true);
  });
});

describe('publishDeadLetters', () => {
  const batch: Batch = {
    topic: 'raw',
    partition: 2,
    messages: [
      message('1', Buffer.from('a')),
      message('2', Buffer.from('b')),
      message('3', Buffer.from('c')),
    ],
  };

  it('publishes only the dlq results, in order, to <topic>.dlq', async () => {
    const calls: Array<[string, readonly OutgoingMessage[]]> = [];
    const n = await publishDeadLetters(
      async (topic, msgs) => {
        calls.push([topic, msgs]);
      },
      batch,
      [
        { kind: 'dlq', reason: 'x', step: 'a' },
        { kind: 'drop', reason: 'y' },
        { kind: 'dlq', reason: 'z', step: 'b' },
      ],
    );
    expect(n).toBe(2);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('raw.dlq');
    expect(calls[0]![1].map((m) => m.value.toString())).toEqual(['a', 'c']);
  });

  it('does not publish when nothing is dead-lettered', async () => {
    let called = false;
    const n = await publishDeadLetters(
      async () => {
        called = true;
      },
      batch,
      [{ kind: 'ok' }, { kind: 'drop', reason: 'y' }, { kind: 'ok' }],
    );
    expect([n, called]).toEqual([0, false]);
  });
});

describe('isDlqTopic', () => {
  it('recognises dead-letter topics', () => {
    expect(isDlqTopic('pushpull.activity.raw.v1.dlq')).toBe(true);
    expect(isDlqTopic('pushpull.activity.raw.v1')).toBe(false);
  });
});
