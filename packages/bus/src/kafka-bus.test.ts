import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { KAFKA_CONSUMER_DEFAULTS, KafkaBus, resolveConsumerTuning, STOCK_BROKER_SESSION } from './kafka-bus';

describe('Kafka consumer tuning', () => {
  it('defaults to a 3 s session with 500 ms heartbeats, so a dead member is replaced within seconds', () => {
    // below a stock broker's group.min.session.timeout.ms (6 000): such a broker gets STOCK_BROKER_SESSION
    expect(KAFKA_CONSUMER_DEFAULTS).toEqual({
      sessionTimeoutMs: 3_000,
      rebalanceTimeoutMs: 60_000,
      heartbeatIntervalMs: 500,
      maxWaitTimeMs: 500,
    });
    expect(STOCK_BROKER_SESSION).toEqual({ sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 });
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'x' });
    expect(bus.consumerTuning).toEqual(KAFKA_CONSUMER_DEFAULTS);
    expect(
      new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'x', sessionTimeoutMs: 10_000 }).consumerTuning,
    ).toEqual({ ...KAFKA_CONSUMER_DEFAULTS, sessionTimeoutMs: 10_000 });
  });

  it('refuses a heartbeat not shorter than the session, and non-integers, with BUS_BAD_OPTION', () => {
    const bad = (options: Parameters<typeof resolveConsumerTuning>[0]) => {
      try {
        resolveConsumerTuning(options);
      } catch (err) {
        expect(isPushpullError(err, 'BUS_BAD_OPTION')).toBe(true);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ sessionTimeoutMs: 6_000, heartbeatIntervalMs: 6_000 })).toMatch(
      /heartbeatIntervalMs \(6000\) must be lower than sessionTimeoutMs \(6000\)/,
    );
    expect(bad({ heartbeatIntervalMs: 2_000, sessionTimeoutMs: 1_500 })).toMatch(
      /lower than sessionTimeoutMs/,
    );
    expect(bad({ rebalanceTimeoutMs: 0 })).toMatch(/rebalanceTimeoutMs must be an integer ≥ 1 \(ms\), got 0/);
    expect(bad({ sessionTimeoutMs: 1.5 })).toMatch(/sessionTimeoutMs must be an integer/);
  });
});
