import { dlqTopic, shortText } from '@pushpull/core';
import type { Batch, BusMessage, HandlerResult, OutgoingMessage } from './bus';
import { DLQ_REASON_HEADER, DLQ_STEP_HEADER } from './bus';

/** Header naming the topic a dead-lettered message was consumed from. */
export const DLQ_SOURCE_TOPIC_HEADER = 'dlq-source-topic';
/** Header naming the partition a dead-lettered message was consumed from. */
export const DLQ_SOURCE_PARTITION_HEADER = 'dlq-source-partition';
/** Header naming the offset (decimal string) a dead-lettered message was consumed from. */
export const DLQ_SOURCE_OFFSET_HEADER = 'dlq-source-offset';
/** Longest `dlq-reason` / `dlq-step` header kept, in characters; longer ones are cut and end in `…`. */
export const DLQ_MAX_REASON_LENGTH = 1000;

/** True when `topic` is itself a dead-letter topic (`<topic>.dlq`); such topics get no `.dlq` of their own. */
export function isDlqTopic(topic: string): boolean {
  return topic.endsWith('.dlq');
}

function truncate(text: string): string {
  return shortText(text.replace(/[\r\n]+/g, ' '), DLQ_MAX_REASON_LENGTH);
}

/**
 * The dead-letter copy of a consumed message: the ORIGINAL key and value bytes, the original headers,
 * plus `dlq-reason`, `dlq-step` and where it came from (`dlq-source-topic|partition|offset`).
 *
 * @example
 * const out = deadLetterMessage(msg, 'not a CloudEvent: Unexpected token', 'decode');
 * out.headers['dlq-step'] === 'decode';
 */
export function deadLetterMessage(message: BusMessage, reason: string, step: string): OutgoingMessage {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DLQ_REASON_HEADER]: truncate(reason),
      [DLQ_STEP_HEADER]: truncate(step),
      [DLQ_SOURCE_TOPIC_HEADER]: message.topic,
      [DLQ_SOURCE_PARTITION_HEADER]: String(message.partition),
      [DLQ_SOURCE_OFFSET_HEADER]: message.offset,
    },
  };
}

/**
 * Publishes every message of `batch` whose result is `dlq` to `<topic>.dlq` (one publish call, in
 * offset order) and resolves once they are accepted. Does nothing when no result is `dlq`.
 *
 * @example
 * await publishDeadLetters((topic, msgs) => bus.publish(topic, msgs), batch, results);
 */
export async function publishDeadLetters(
  publish: (topic: string, messages: readonly OutgoingMessage[]) => Promise<void>,
  batch: Batch,
  results: readonly HandlerResult[],
): Promise<number> {
  let letters: OutgoingMessage[] | undefined;
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    if (result.kind === 'dlq') {
      letters ??= [];
      letters.push(deadLetterMessage(batch.messages[i]!, result.reason, result.step));
    }
  }
  if (letters) await publish(dlqTopic(batch.topic), letters);
  return letters?.length ?? 0;
}
