import { type ActivityEvent, ActivityEventSchema, formatIssues } from '@pushpull/core';

/** The result of reading one JSONL line: the event, or why the line is bad. */
export type ParsedLine = { ok: true; event: ActivityEvent } | { ok: false; reason: string };

/**
 * Parses one line of ActivityEvent JSONL. A bad line gets a reason naming the field.
 *
 * @example parseActivityLine('{"id":…}')
 */
export function parseActivityLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const r = ActivityEventSchema.safeParse(json);
  return r.success
    ? { ok: true, event: r.data }
    : { ok: false, reason: `not an ActivityEvent: ${formatIssues(r.error)}` };
}
