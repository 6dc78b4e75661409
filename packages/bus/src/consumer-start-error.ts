import { PushpullError } from '@pushpull/core';

/**
 * The `BUS_CONSUMER_FAILED` of a consumer that could not join its group, naming topic and group; when the
 * broker refused the session timeout (outside its `group.min/max.session.timeout.ms`), it names ours too.
 *
 * @example throw consumerStartError(settings, err, { refusedSession: true, sessionTimeoutMs: 3_000 });
 */
export function consumerStartError(
  { topic, groupId }: { topic: string; groupId: string },
  err: unknown,
  session: { refusedSession: boolean; sessionTimeoutMs: number },
): PushpullError {
  const ours = session.refusedSession ? ` (sessionTimeoutMs is ${session.sessionTimeoutMs})` : '';
  return new PushpullError(
    'BUS_CONSUMER_FAILED',
    `cannot start a Kafka consumer of ${topic} (group ${groupId}): ${err instanceof Error ? err.message : String(err)}${ours}`,
    { topic, groupId },
    { cause: err },
  );
}
