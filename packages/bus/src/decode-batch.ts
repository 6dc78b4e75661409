import type { Batch, HandlerResult } from './bus';

/** What decoding a batch gave: one value (or null) and one result per message, in order. */
export interface DecodedBatch<T> {
  values: (T | null)[];
  results: HandlerResult[];
  /** The messages that failed, with why; for the caller's log line. */
  failures: { offset: string; reason: string }[];
}

/**
 * Decodes every message of a batch with `decode`. A message that throws becomes a `dlq` result
 * with the error's message as reason and `step` as the DLQ step; the others are `ok`.
 *
 * @example const { values, results } = decodeBatch(batch, (b) => decodeActivity(b), 'classifier.decode');
 */
export function decodeBatch<T>(batch: Batch, decode: (value: Buffer) => T, step: string): DecodedBatch<T> {
  const values: (T | null)[] = [];
  const results: HandlerResult[] = [];
  const failures: { offset: string; reason: string }[] = [];
  for (const message of batch.messages) {
    try {
      values.push(decode(message.value));
      results.push({ kind: 'ok' });
    } catch (err) {
      const reason = err instanceof Error ? err.message : 'undecodable message';
      values.push(null);
      results.push({ kind: 'dlq', reason, step });
      failures.push({ offset: message.offset, reason });
    }
  }
  return { values, results, failures };
}
