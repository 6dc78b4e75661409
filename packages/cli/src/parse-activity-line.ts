import {
  type ActivityEvent,
  ActivityEventSchema,
  errorKind,
  formatIssues,
  type JsonLimits,
  parseJsonBounded,
} from '@pushpull/core';

/** Why a line is not an ActivityEvent. */
export type LineRejectCode =
  /** Over the size limit (1 MiB). */
  | 'JSON_TOO_LARGE'
  /** Nested deeper than the depth limit (64). */
  | 'JSON_TOO_DEEP'
  /** Not JSON at all. */
  | 'JSON_INVALID'
  /** JSON, but not an ActivityEvent (a field missing or wrong). */
  | 'EVENT_INVALID'
  /** Validation itself failed unexpectedly (kept to the line, never thrown). */
  | 'EVENT_UNREADABLE';

/** The result of reading one JSONL line: the event, or a code and why the line is bad. */
export type ParsedLine =
  | { ok: true; event: ActivityEvent }
  | { ok: false; code: LineRejectCode; reason: string };

/**
 * Parses one line of ActivityEvent JSONL. It never throws: a line over 1 MiB or nested deeper than
 * 64 levels is refused before `JSON.parse` (so a 10,000-deep line cannot overflow the stack later,
 * when the event is serialised), and a bad line gets a code and a reason naming the field, never quoting
 * the line's text.
 *
 * @example
 * parseActivityLine('{"id":…}') // { ok: true, event }
 * parseActivityLine('{"id":"x"}') // { ok: false, code: 'EVENT_INVALID', reason: 'not an ActivityEvent: source: …' }
 */
export function parseActivityLine(text: string, limits?: JsonLimits): ParsedLine {
  try {
    const json = parseJsonBounded(text, limits);
    if (!json.ok) return json;
    const r = ActivityEventSchema.safeParse(json.value);
    return r.success
      ? { ok: true, event: r.data }
      : { ok: false, code: 'EVENT_INVALID', reason: `not an ActivityEvent: ${formatIssues(r.error)}` };
  } catch (err) {
    return {
      ok: false,
      code: 'EVENT_UNREADABLE',
      reason: `could not be read (${errorKind(err)})`,
    };
  }
}
