import type { Bus } from '@pushpull/bus';
import { toActivityMessage } from '@pushpull/core';
import type { EventSink } from './event-sink';

/**
 * An EventSink that publishes to the raw topic: CloudEvents keyed by `conversationId ?? id`, so a
 * thread stays in order on one partition. `write` resolves once the bus accepted the batch. The
 * bus belongs to the caller: `close()` does not close it.
 *
 * @example const sink = busSink(bus, pipelineNames().raw);
 */
export function busSink(bus: Bus, rawTopic: string): EventSink {
  return {
    async write(events) {
      if (events.length > 0) await bus.publish(rawTopic, events.map(toActivityMessage));
    },
    async close() {},
  };
}
