import type { Producer, ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isProducerStateLost, KafkaPublisher } from './kafka-publisher';

/** A kafkajs producer that records what it was asked and fails its sends with the errors given. */
function recordingProducer(failures: unknown[] = []) {
  const calls: string[] = [];
  const batches: ProducerBatch[] = [];
  const producer = {
    connect: async () => {
      calls.push('connect');
    },
    disconnect: async () => {
      calls.push('disconnect');
    },
    sendBatch: async (batch: ProducerBatch) => {
      calls.push('sendBatch');
      const failure = failures.shift();
      if (failure) throw failure;
      batches.push(batch);
      return [];
    },
  } as unknown as Producer;
  return { producer, calls, batches };
}

function protocolError(type: string, message: string): Error {
  // the shape kafkajs gives: a protocol error, wrapped by its retrier in a non-retriable error
  const inner = Object.assign(new Error(message), { name: 'KafkaJSProtocolError', type, retriable: false });
  return Object.assign(new Error(message, { cause: inner }), { name: 'KafkaJSNonRetriableError' });
}

const message = (v: string) => ({ key: 'k', value: Buffer.from(v) });

describe('KafkaPublisher', () => {
  it('replaces a producer whose state the broker lost and sends the same request with the new one', async () => {
    const first = recordingProducer([
      protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 'The broker received an out of order sequence number'),
    ]);
    const second = recordingProducer();
    const made = [first, second];
    const replacedBy: unknown[] = [];
    const publisher = new KafkaPublisher(
      () => made.shift()!.producer,
      900_000,
      (cause) => replacedBy.push(cause),
    );

    await publisher.send('t', [message('a'), message('b')]);

    expect(first.calls).toEqual(['connect', 'sendBatch', 'disconnect']);
    expect(second.calls).toEqual(['connect', 'sendBatch']);
    expect(second.batches[0]!.topicMessages![0]!.messages.map((m) => String(m.value))).toEqual(['a', 'b']);
    expect(publisher.replaced).toBe(1);
    expect(replacedBy).toHaveLength(1);
    expect(isProducerStateLost(replacedBy[0])).toBe(true);
  });

  it('keeps its producer on any other refusal and fails the call with BUS_PUBLISH_FAILED', async () => {
    const only = recordingProducer([
      protocolError('MESSAGE_TOO_LARGE', 'The request included a message larger than the max'),
    ]);
    let made = 0;
    const publisher = new KafkaPublisher(() => {
      made++;
      return only.producer;
    }, 900_000);

    await expect(publisher.send('t', [message('a')])).rejects.toMatchObject({ code: 'BUS_PUBLISH_FAILED' });
    expect(made).toBe(1);
    expect(publisher.replaced).toBe(0);
    await publisher.send('t', [message('b')]); // the same producer goes on
    expect(only.batches).toHaveLength(1);
  });

  it('fails the call when the new producer is refused too (the caller retries it as it would any failure)', async () => {
    const lost = () =>
      protocolError('UNKNOWN_PRODUCER_ID', 'The broker could not locate the producer metadata');
    const made = [recordingProducer([lost()]), recordingProducer([lost(), lost()]), recordingProducer()];
    const publisher = new KafkaPublisher(() => made.shift()!.producer, 900_000);

    await expect(publisher.send('t', [message('a')])).rejects.toMatchObject({ code: 'BUS_PUBLISH_FAILED' });
    expect(publisher.replaced).toBe(1);
    await publisher.send('t', [message('a')]); // the next call meets the same refusal, replaces it again, gets through
    expect(publisher.replaced).toBe(2);
  });
});

describe('isProducerStateLost', () => {
  it.each([
    ['OUT_OF_ORDER_SEQUENCE_NUMBER', true],
    ['UNKNOWN_PRODUCER_ID', true],
    ['INVALID_PRODUCER_EPOCH', true],
    ['NOT_LEADER_FOR_PARTITION', false],
    ['MESSAGE_TOO_LARGE', false],
  ])('%s → %s, also deep in a cause chain', (type, lost) => {
    const wrapped = new Error('cannot publish', { cause: protocolError(type, 'broker said no') });
    expect(isProducerStateLost(wrapped)).toBe(lost);
  });

  it('is false for errors without a broker answer', () => {
    expect(isProducerStateLost(new Error('read ECONNRESET'))).toBe(false);
    expect(isProducerStateLost('text')).toBe(false);
  });
});
