import { describe, expect, it } from 'vitest';
import { isRetriableKafkaError, retryRetriable } from './retry-retriable';

const retriable = (message: string) =>
  Object.assign(new Error(message), { type: 'UNKNOWN_TOPIC_OR_PARTITION', retriable: true });

describe('retryRetriable', () => {
  it('tries again after growing waits while the error is retriable, and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryRetriable(
      async () => {
        calls++;
        if (calls < 4) throw retriable('This server does not host this topic-partition');
        return 'created';
      },
      { attempts: 8, firstWaitMs: 100, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('created');
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('throws a non-retriable error at once', async () => {
    let calls = 0;
    const refused = new Error('Topic authorization failed');
    await expect(
      retryRetriable(
        async () => {
          calls++;
          throw refused;
        },
        { attempts: 8, firstWaitMs: 100, sleep: async () => {} },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the last error, waits capped at 2 s', async () => {
    const waits: number[] = [];
    let calls = 0;
    await expect(
      retryRetriable(
        async () => {
          calls++;
          throw retriable(`attempt ${calls}`);
        },
        { attempts: 6, firstWaitMs: 500, sleep: async (ms) => void waits.push(ms) },
      ),
    ).rejects.toThrow('attempt 6');
    expect(waits).toEqual([500, 1000, 2000, 2000, 2000]);
  });
});

describe('isRetriableKafkaError', () => {
  it('finds a retriable broker answer on the error, its cause or the originalError kafkajs wraps', () => {
    expect(isRetriableKafkaError(retriable('x'))).toBe(true);
    expect(isRetriableKafkaError(new Error('outer', { cause: retriable('inner') }))).toBe(true);
    expect(
      isRetriableKafkaError(
        Object.assign(new Error('retries exceeded'), { originalError: retriable('inner') }),
      ),
    ).toBe(true);
    expect(
      isRetriableKafkaError(
        Object.assign(new Error('no'), { type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false }),
      ),
    ).toBe(false);
    // a connection error is an outage, not an answer to retry here
    expect(isRetriableKafkaError(Object.assign(new Error('Connection error'), { retriable: true }))).toBe(
      false,
    );
    expect(isRetriableKafkaError('text')).toBe(false);
  });
});
