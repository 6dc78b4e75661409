import { createHash } from 'node:crypto';
import type { ActivityEvent } from '@pushpull/core';

/** What {@link EventIdLedger.see} makes of an event. */
export type IdSighting =
  /** The first event with this id. */
  | { kind: 'new' }
  /** The same id with the same content as on `firstLine` (harmless: stored once). */
  | { kind: 'repeat'; firstLine: number }
  /** The same id as on `firstLine` with different content: only the first can be kept. */
  | { kind: 'conflict'; firstLine: number };

/** JSON with object keys sorted, so that key order does not count as a difference. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Remembers the id of every event of one input with a fingerprint of its content (SHA-256 of its
 * canonical JSON, 12 bytes kept), so that an id used twice is told apart: the same event again, or
 * a different event re-using the id — which the pipeline, keyed by id, would silently drop. Events
 * must be validated (and so at most 64 levels deep) before they get here.
 *
 * @example
 * const ledger = new EventIdLedger();
 * ledger.see(a, 1); // { kind: 'new' }
 * ledger.see({ ...a, text: 'changed' }, 9); // { kind: 'conflict', firstLine: 1 }
 */
export class EventIdLedger {
  private readonly seen = new Map<string, { fingerprint: string; line: number }>();

  see(event: ActivityEvent, line: number): IdSighting {
    const fingerprint = createHash('sha256').update(canonicalJson(event)).digest('base64').slice(0, 16);
    const first = this.seen.get(event.id);
    if (!first) {
      this.seen.set(event.id, { fingerprint, line });
      return { kind: 'new' };
    }
    return first.fingerprint === fingerprint
      ? { kind: 'repeat', firstLine: first.line }
      : { kind: 'conflict', firstLine: first.line };
  }
}
