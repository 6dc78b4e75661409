import type { BusLogSink } from './kafka-log-creator';

/** Who a consumer's own log lines are about. */
export interface ConsumerLogSubject {
  topic: string;
  groupId: string;
}

/**
 * The info line of a member starting to wait for its partitions: after a `kill -9` the dead member keeps
 * them until its session expires, and without this line the wait looks like a hang. Never throws.
 *
 * @example logWaiting(log, settings, 'joining', 6_000)
 */
export function logWaiting(
  log: BusLogSink,
  { topic, groupId }: ConsumerLogSubject,
  what: 'joining' | 'rejoining',
  sessionTimeoutMs: number,
): void {
  logInfo(
    log,
    `${what} group ${groupId} on ${topic}, waiting for partitions (a member that died without leaving keeps its partitions until its session of ${sessionTimeoutMs} ms expires)`,
    { groupId, topic, sessionTimeoutMs },
  );
}

/**
 * The info line of a member that got its partitions (or none: more members than partitions), with how
 * long it waited. Never throws.
 *
 * @example logAssigned(log, settings, [0, 1, 2], memberId, 5_985)
 */
export function logAssigned(
  log: BusLogSink,
  { topic, groupId }: ConsumerLogSubject,
  partitions: readonly number[],
  memberId: string,
  waitedMs: number,
): void {
  const list = [...partitions].sort((a, b) => a - b).join(',');
  logInfo(
    log,
    partitions.length > 0
      ? `assigned partitions ${list} of ${topic} in group ${groupId} after ${waitedMs} ms`
      : `assigned no partitions of ${topic} in group ${groupId} after ${waitedMs} ms (more members than partitions)`,
    { groupId, topic, partitions: list, memberId, waitedMs },
  );
}

function logInfo(log: BusLogSink, message: string, fields: Record<string, string | number>): void {
  try {
    log({ level: 'info', source: 'bus', namespace: 'consumer', message, fields });
  } catch {
    // logging must never break the consumer
  }
}
