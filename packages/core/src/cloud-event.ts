import { z } from 'zod';
import { type ActivityEvent, ActivityEventSchema } from './activity-event';
import { PushpullError } from './errors';
import { type LabeledEvent, LabeledEventSchema } from './labeled-event';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH, parseJsonBounded } from './parse-json-bounded';
import { plainActivityEvent } from './plain-activity-event';

/** CloudEvents `type` of a raw activity event. */
export const ACTIVITY_CE_TYPE = 'dev.pushpull.activity.v1';
/** CloudEvents `type` of a labeled event. */
export const LABELED_CE_TYPE = 'dev.pushpull.labeled.v1';

/** A CloudEvents 1.0 structured-mode JSON envelope. */
export const CloudEventEnvelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string().optional(),
  subject: z.string().optional(),
  datacontenttype: z.string().optional(),
  data: z.unknown(),
});
export type CloudEventEnvelope = z.infer<typeof CloudEventEnvelopeSchema>;

/** The content type of structured-mode CloudEvents in JSON (the Kafka `content-type` header). */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/**
 * Wraps an ActivityEvent in a structured-mode CloudEvent and serialises it.
 *
 * @example const bytes = encodeActivity(event); // Buffer holding {"specversion":"1.0",...,"data":{...}}
 */
export function encodeActivity(event: ActivityEvent): Buffer {
  const envelope: CloudEventEnvelope = {
    specversion: '1.0',
    id: event.id,
    source: `/pushpull/${event.source}`,
    type: ACTIVITY_CE_TYPE,
    time: event.occurredAt,
    subject: event.type,
    datacontenttype: 'application/json',
    data: event,
  };
  return Buffer.from(JSON.stringify(envelope));
}

/**
 * Wraps a LabeledEvent in a structured-mode CloudEvent and serialises it: the bytes of
 * `JSON.stringify` of the envelope, written around the event's own JSON without building the
 * envelope object (one per labeled event on the classifier's hot path).
 */
export function encodeLabeled(event: LabeledEvent): Buffer {
  const time = event.occurredAt ? `,"time":${JSON.stringify(event.occurredAt)}` : '';
  return Buffer.from(
    `{"specversion":"1.0","id":${JSON.stringify(event.id)},"source":"/pushpull/classifier","type":"${LABELED_CE_TYPE}"${time},"datacontenttype":"application/json","data":${JSON.stringify(event)}}`,
  );
}

/** The text of a message's bytes, without copying them first. */
function utf8Text(bytes: Uint8Array | string): string {
  if (typeof bytes === 'string') return bytes;
  if (Buffer.isBuffer(bytes)) return bytes.toString('utf8');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const nonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/**
 * `value` as an envelope when it plainly is one — what {@link CloudEventEnvelopeSchema} accepts,
 * checked without zod (every message passes here) — else null, for zod to say what is wrong. Fields
 * outside the envelope are left on it; nothing reads them.
 */
function plainEnvelope(value: unknown): CloudEventEnvelope | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const ok =
    v.specversion === '1.0' &&
    nonEmptyString(v.id) &&
    nonEmptyString(v.source) &&
    nonEmptyString(v.type) &&
    optionalString(v.time) &&
    optionalString(v.subject) &&
    optionalString(v.datacontenttype);
  return ok ? (v as CloudEventEnvelope) : null;
}

function parseEnvelope(bytes: Uint8Array | string, expectedType: string): CloudEventEnvelope {
  // The envelope adds a level (and some bytes) to what `ingest` accepts as one event line.
  const parsed = parseJsonBounded(utf8Text(bytes), {
    maxDepth: MAX_JSON_DEPTH + 1,
    maxBytes: MAX_JSON_BYTES + 64 * 1024,
  });
  if (!parsed.ok) throw new PushpullError('EVENT_MALFORMED', parsed.reason, { code: parsed.code });
  let envelope = plainEnvelope(parsed.value);
  if (!envelope) {
    const env = CloudEventEnvelopeSchema.safeParse(parsed.value);
    if (!env.success) {
      throw new PushpullError(
        'EVENT_MALFORMED',
        `not a CloudEvents 1.0 envelope: ${formatIssues(env.error)}`,
      );
    }
    envelope = env.data;
  }
  if (envelope.type !== expectedType) {
    throw new PushpullError('EVENT_MALFORMED', `CloudEvent type ${envelope.type}, expected ${expectedType}`);
  }
  return envelope;
}

/** Parses and validates a raw-topic message. Throws PushpullError EVENT_MALFORMED with the reason. */
export function decodeActivity(bytes: Uint8Array | string): ActivityEvent {
  const env = parseEnvelope(bytes, ACTIVITY_CE_TYPE);
  const plain = plainActivityEvent(env.data);
  if (plain) return plain;
  const ev = ActivityEventSchema.safeParse(env.data);
  if (!ev.success) throw new PushpullError('EVENT_MALFORMED', `bad ActivityEvent: ${formatIssues(ev.error)}`);
  return ev.data;
}

/** Parses and validates a labeled-topic message. Throws PushpullError EVENT_MALFORMED with the reason. */
export function decodeLabeled(bytes: Uint8Array | string): LabeledEvent {
  const env = parseEnvelope(bytes, LABELED_CE_TYPE);
  const ev = LabeledEventSchema.safeParse(env.data);
  if (!ev.success) throw new PushpullError('EVENT_MALFORMED', `bad LabeledEvent: ${formatIssues(ev.error)}`);
  return ev.data;
}

/** One line naming every problem of a zod error: `path: message; path: message`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** A message ready for the bus: key, structured-mode CloudEvent bytes and the Kafka binding's content-type header. */
export interface CloudEventMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * An ActivityEvent as a raw-topic message: keyed by conversation (so a thread is classified in
 * order), `content-type: application/cloudevents+json` per the CloudEvents Kafka binding.
 *
 * @example await bus.publish(names.raw, events.map(toActivityMessage));
 */
export function toActivityMessage(event: ActivityEvent): CloudEventMessage {
  return {
    key: event.conversationId ?? event.id,
    value: encodeActivity(event),
    headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
  };
}

/** A LabeledEvent as a labeled-topic message, keyed by actor. */
export function toLabeledMessage(event: LabeledEvent): CloudEventMessage {
  return {
    key: event.actor.personId ?? event.id,
    value: encodeLabeled(event),
    headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
  };
}
