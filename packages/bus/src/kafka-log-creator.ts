import { shortText } from '@pushpull/core';
import type { LogEntry, logCreator } from 'kafkajs';

/** Levels of bus log lines, lowest volume first. */
export type BusLogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * One log line of the Kafka bus: a kafkajs line reduced to a message and a few safe scalar fields, or
 * one of the bus's own lines (`source: 'bus'`). Never message contents.
 */
export interface BusLogEntry {
  level: BusLogLevel;
  /** Who wrote it: kafkajs (absent means kafkajs too) or the bus itself. */
  source?: 'kafkajs' | 'bus';
  /** kafkajs component, for example `Consumer` or `Connection`; `consumer` or `producer` for the bus's own lines. */
  namespace: string;
  message: string;
  fields: Record<string, string | number | boolean>;
}

/** Where bus log lines go. */
export type BusLogSink = (entry: BusLogEntry) => void;

/** kafkajs numeric levels (NOTHING 0, ERROR 1, WARN 2, INFO 4, DEBUG 5) for each bus level. */
export const KAFKAJS_LEVELS: Record<BusLogLevel, number> = { error: 1, warn: 2, info: 4, debug: 5 };

/**
 * Fields of kafkajs log lines that are kept: names, ids and counters. Everything else (payloads,
 * offsets maps, assignments, stacks, request bodies) is dropped, so a message value or key can never
 * reach the log through it.
 */
const SAFE_FIELDS = new Set([
  'broker',
  'clientId',
  'groupId',
  'memberId',
  'leaderId',
  'generationId',
  'topic',
  'partition',
  'nodeId',
  'correlationId',
  'retryCount',
  'retryTime',
  'error',
  'type',
  'code',
  'duration',
  'isLeader',
  'apiName',
  'apiVersion',
]);

const MAX_FIELD_LENGTH = 300;

function levelOf(level: number): BusLogLevel {
  if (level <= 1) return 'error';
  if (level === 2) return 'warn';
  if (level <= 4) return 'info';
  return 'debug';
}

function safeValue(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = value instanceof Error ? value.message : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  return shortText(text, MAX_FIELD_LENGTH);
}

/**
 * Reduces a kafkajs log entry to a {@link BusLogEntry}: its message and only the whitelisted scalar
 * fields (an `error` object becomes its message), each cut to 300 characters.
 *
 * @example toBusLogEntry(entry).fields // { broker: '127.0.0.1:9092', error: 'Connection timeout' }
 */
export function toBusLogEntry(entry: LogEntry): BusLogEntry {
  const { message, timestamp: _t, logger: _l, ...extra } = entry.log as unknown as Record<string, unknown>;
  const fields: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(extra)) {
    if (!SAFE_FIELDS.has(name)) continue;
    const safe = safeValue(value);
    if (safe !== undefined) fields[name] = safe;
  }
  return {
    level: levelOf(entry.level),
    source: 'kafkajs',
    namespace: entry.namespace,
    message: String(safeValue(message) ?? ''),
    fields,
  };
}

/**
 * The default sink: one JSON line on stderr (`{"level","time","logger","namespace","msg",…}`, logger
 * `kafkajs` or `bus`).
 *
 * @example stderrLogSink({ level: 'warn', namespace: 'Consumer', message: 'rebalancing', fields: {} });
 */
export function stderrLogSink(entry: BusLogEntry): void {
  const line = {
    level: entry.level,
    time: new Date().toISOString(),
    logger: entry.source ?? 'kafkajs',
    namespace: entry.namespace,
    msg: entry.message,
    ...entry.fields,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/**
 * A kafkajs `logCreator` that sends every line through {@link toBusLogEntry} to `sink`. The level
 * filter itself is kafkajs's `logLevel` (see {@link KAFKAJS_LEVELS}; the bus defaults to `warn`).
 *
 * @example new Kafka({ brokers, clientId, logLevel: KAFKAJS_LEVELS.warn, logCreator: createKafkaLogCreator(sink) });
 */
export function createKafkaLogCreator(sink: BusLogSink = stderrLogSink): logCreator {
  return () => (entry) => {
    try {
      sink(toBusLogEntry(entry));
    } catch {
      // logging must never break the client
    }
  };
}
