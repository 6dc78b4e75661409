import type { Bus, OutgoingMessage } from '@pushpull/bus';

/**
 * Publishes `messages` to `topic` in requests of 5,000, in order: how the benches fill a raw topic.
 *
 * @example await publishAll(bus, names.raw, sim.events.map(toActivityMessage));
 */
export async function publishAll(
  bus: Bus,
  topic: string,
  messages: readonly OutgoingMessage[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += 5000) await bus.publish(topic, messages.slice(i, i + 5000));
}
