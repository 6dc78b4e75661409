import type { ActivityEvent } from '@pushpull/core';

/** Where a sync's events go: the raw topic (busSink) or a JSONL file (jsonlFileSink). */
export interface EventSink {
  /** Writes one page of events; resolves once they are durable. */
  write(events: readonly ActivityEvent[]): Promise<void>;
  close(): Promise<void>;
}
