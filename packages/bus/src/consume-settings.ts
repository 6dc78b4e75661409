import { PushpullError } from '@pushpull/core';
import type { BatchHandler, BatchStats, ConsumeOptions, OutageChange } from './bus';

/** ConsumeOptions with every default filled in and checked. */
export interface ConsumeSettings {
  topic: string;
  groupId: string;
  handler: BatchHandler;
  maxBatchSize: number;
  maxInFlight: number;
  maxRetries: number;
  retryBackoffMs: number;
  fromBeginning: boolean;
  resumeFrom: ((topic: string, partition: number) => Promise<string | null>) | undefined;
  onFatal: ((err: unknown) => void) | undefined;
  onBatchDone: ((stats: BatchStats) => void) | undefined;
  isOutage: (err: unknown) => boolean;
  outageRetryMs: number;
  onOutage: ((change: OutageChange) => void) | undefined;
}

function whole(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min) {
    throw new PushpullError(
      'BUS_BAD_OPTION',
      `consume: ${name} must be an integer ≥ ${min}, got ${String(v)}`,
      {
        option: name,
      },
    );
  }
  return v;
}

/**
 * Fills in the documented defaults of {@link ConsumeOptions} (batch 500, 2 in flight, 5 retries from
 * 200 ms, from the beginning, outages retried every 2 s at most) and rejects nonsense with `BUS_BAD_OPTION`.
 *
 * @example resolveConsumeSettings({ topic, groupId, handler }).maxInFlight === 2
 */
export function resolveConsumeSettings(options: ConsumeOptions): ConsumeSettings {
  if (!options.topic) throw new PushpullError('BUS_BAD_OPTION', 'consume: topic is empty', {});
  if (!options.groupId) {
    throw new PushpullError('BUS_BAD_OPTION', `consume: groupId is empty (topic ${options.topic})`, {});
  }
  return {
    topic: options.topic,
    groupId: options.groupId,
    handler: options.handler,
    maxBatchSize: whole('maxBatchSize', options.maxBatchSize, 500, 1),
    maxInFlight: whole('maxInFlight', options.maxInFlight, 2, 1),
    maxRetries: whole('maxRetries', options.maxRetries, 5, 0),
    retryBackoffMs: whole('retryBackoffMs', options.retryBackoffMs, 200, 0),
    fromBeginning: options.fromBeginning ?? true,
    resumeFrom: options.resumeFrom,
    onFatal: options.onFatal,
    onBatchDone: options.onBatchDone,
    isOutage: options.isOutage ?? (() => false),
    outageRetryMs: whole('outageRetryMs', options.outageRetryMs, 2_000, 1),
    onOutage: options.onOutage,
  };
}

/**
 * Parses a `resumeFrom` answer: a non-negative decimal offset. Anything else is a `BUS_BAD_OFFSET`.
 *
 * @example parseResumeOffset('42', 'raw', 0) === 42n
 */
export function parseResumeOffset(offset: string, topic: string, partition: number): bigint {
  if (!/^\d+$/.test(offset)) {
    throw new PushpullError(
      'BUS_BAD_OFFSET',
      `resumeFrom returned ${JSON.stringify(offset).slice(0, 40)} for ${topic}[${partition}]; expected a decimal offset ≥ 0`,
      { topic, partition },
    );
  }
  return BigInt(offset);
}
