import type { Bus, OutgoingMessage } from '@pushpull/bus';
import { type ActivityEvent, decodeActivity } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../testing/test-sync-context';
import { busSink } from './bus-sink';

describe('busSink', () => {
  it('publishes CloudEvents keyed by conversation (else id) to the raw topic', async () => {
    const published: { topic: string; messages: readonly OutgoingMessage[] }[] = [];
    const bus = {
      publish: async (topic: string, messages: readonly OutgoingMessage[]) => {
        published.push({ topic, messages });
      },
    } as unknown as Bus;
    const base: ActivityEvent = { ...sampleEvent(1), conversationId: 'github:a/b:issue:7' };
    const sink = busSink(bus, 'raw.v1');
    await sink.write([base, { ...base, id: 'github:a/b:issue:8:opened', conversationId: null }]);
    await sink.write([]);
    await sink.close();
    expect(published).toHaveLength(1);
    expect(published[0]!.topic).toBe('raw.v1');
    const [m1, m2] = published[0]!.messages;
    expect(m1!.key).toBe('github:a/b:issue:7');
    expect(m2!.key).toBe('github:a/b:issue:8:opened');
    expect(m1!.headers?.['content-type']).toMatch(/cloudevents\+json/);
    expect(decodeActivity(m1!.value)).toEqual(base);
  });
});
