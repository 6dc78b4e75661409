import { createHash } from 'node:crypto';

/**
 * A deterministic event id from its parts: `source:scope:kind:native-id`, e.g.
 * `github:panjf2000/ants:issue_comment:407675431`. Same activity, same id, on every run.
 *
 * @example eventId('slack', 'T01', 'message', 'C02:1700000000.000100')
 */
export function eventId(source: string, scope: string, kind: string, nativeId: string | number): string {
  for (const [name, part] of Object.entries({ source, scope, kind })) {
    if (part.length === 0) throw new TypeError(`eventId: ${name} is empty`);
  }
  return `${source}:${scope}:${kind}:${nativeId}`;
}

/** A short stable hash (hex) of a string, for keys where the raw value is long or personal. */
export function stableHash(value: string, length = 16): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}
