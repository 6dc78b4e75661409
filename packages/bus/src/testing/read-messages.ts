import { uniqueName } from '@pushpull/testkit';
import type { Bus, BusMessage } from '../bus';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads `topic` from its start with a consumer group of its own until `count` messages are in or
 * `timeoutMs` passed, then `settleMs` longer (so that a message too many is seen too), and stops the
 * consumer. Returns every message read, in arrival order; the caller asserts on them.
 *
 * @example const raw = await readMessages(bus, names.raw, 200); // expect(raw).toHaveLength(200)
 */
export async function readMessages(
  bus: Bus,
  topic: string,
  count: number,
  { timeoutMs = 60_000, settleMs = 1000 }: { timeoutMs?: number; settleMs?: number } = {},
): Promise<BusMessage[]> {
  const got: BusMessage[] = [];
  const consumer = await bus.consume({
    topic,
    groupId: uniqueName('reader'),
    handler: async (batch) => {
      got.push(...batch.messages);
      return batch.messages.map(() => ({ kind: 'ok' as const }));
    },
  });
  try {
    const deadline = Date.now() + timeoutMs;
    while (got.length < count && Date.now() < deadline) await sleep(100);
    await sleep(settleMs);
  } finally {
    await consumer.stop();
  }
  return got;
}
