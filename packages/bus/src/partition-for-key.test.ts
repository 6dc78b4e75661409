import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './partition-for-key';

describe('murmur2', () => {
  it('matches the values of Kafka’s own test suite', () => {
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [text, hash] of cases) expect(murmur2(Buffer.from(text)), text).toBe(hash);
  });
});

describe('partitionForKey', () => {
  it('agrees with the kafkajs default (Java-compatible) partitioner, also for non-ASCII keys', () => {
    const partitioner = kafkajs.Partitioners.DefaultPartitioner();
    for (const partitions of [1, 3, 7, 12]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      for (let i = 0; i < 300; i++) {
        const key =
          i % 3 === 0 ? `github:acme/api:issue:${i}` : i % 3 === 1 ? `slack:ÉQUIPE:${i}:日本` : `p${i}`;
        const expected = partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
        expect(partitionForKey(key, partitions), `${key} / ${partitions}`).toBe(expected);
      }
    }
  });

  it('handles keys longer than its scratch buffer', () => {
    const key = 'x'.repeat(10_000);
    expect(partitionForKey(key, 3)).toBe((murmur2(Buffer.from(key)) & 0x7fffffff) % 3);
  });
});
