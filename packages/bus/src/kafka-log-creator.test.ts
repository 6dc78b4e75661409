import type { LogEntry } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { type BusLogEntry, createKafkaLogCreator, toBusLogEntry } from './kafka-log-creator';

const entry = (extra: Record<string, unknown>, level = 1): LogEntry =>
  ({
    namespace: 'Consumer',
    level,
    label: 'ERROR',
    log: { timestamp: 'now', logger: 'kafkajs', message: 'Crash: something', ...extra },
  }) as unknown as LogEntry;

describe('toBusLogEntry', () => {
  it('keeps the message and whitelisted scalars, drops payloads and stacks', () => {
    const out = toBusLogEntry(
      entry({
        groupId: 'g',
        partition: 3,
        error: new Error('Connection timeout'),
        stack: 'Error: at secret place',
        payload: { value: 'SECRET' },
        offsets: [{ topic: 't' }],
        messages: ['SECRET'],
      }),
    );
    expect(out).toEqual({
      level: 'error',
      source: 'kafkajs',
      namespace: 'Consumer',
      message: 'Crash: something',
      fields: { groupId: 'g', partition: 3, error: 'Connection timeout' },
    });
  });

  it('maps kafkajs levels and cuts long fields', () => {
    expect(toBusLogEntry(entry({}, 2)).level).toBe('warn');
    expect(toBusLogEntry(entry({}, 4)).level).toBe('info');
    expect(toBusLogEntry(entry({}, 5)).level).toBe('debug');
    expect(String(toBusLogEntry(entry({ error: 'e'.repeat(1000) })).fields.error)).toHaveLength(300);
  });
});

describe('createKafkaLogCreator', () => {
  it('sends entries to the sink and survives a throwing sink', () => {
    const seen: BusLogEntry[] = [];
    createKafkaLogCreator((e) => seen.push(e))(2)(entry({ broker: 'b:9092' }));
    expect(seen[0]?.fields).toEqual({ broker: 'b:9092' });
    expect(() =>
      createKafkaLogCreator(() => {
        throw new Error('sink down');
      })(2)(entry({})),
    ).not.toThrow();
  });
});
