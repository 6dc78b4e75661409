import { PushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { isBusOutage } from './bus-outage';

const named = (name: string, extra: Record<string, unknown> = {}, cause?: unknown) =>
  Object.assign(new Error(name, { cause }), { name, ...extra });

describe('isBusOutage', () => {
  it('knows an unreachable broker, also behind retries exhausted and a failed publish', () => {
    expect(isBusOutage(named('KafkaJSConnectionError'))).toBe(true);
    const exhausted = named(
      'KafkaJSNumberOfRetriesExceeded',
      { retriable: false },
      named('KafkaJSRequestTimeoutError'),
    );
    expect(
      isBusOutage(new PushpullError('BUS_PUBLISH_FAILED', 'cannot publish', {}, { cause: exhausted })),
    ).toBe(true);
    expect(
      isBusOutage(named('KafkaJSProtocolError', { retriable: true, type: 'LEADER_NOT_AVAILABLE' })),
    ).toBe(true);
    expect(isBusOutage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
  });

  it('leaves a refused request alone', () => {
    expect(isBusOutage(named('KafkaJSProtocolError', { retriable: false, type: 'MESSAGE_TOO_LARGE' }))).toBe(
      false,
    );
    expect(isBusOutage(new PushpullError('BUS_PUBLISH_FAILED', 'cannot publish', {}))).toBe(false);
    expect(isBusOutage(new Error('bad batch'))).toBe(false);
  });
});
