import { z } from 'zod';
import { type ActivityEvent, SOURCES } from './activity-event';
import { TARGET_ROLES } from './identity';

/** The pattern of `z.iso.datetime({ offset: true })`, zod's own, so that both accept the same times. */
const DATETIME = z.regexes.datetime({ offset: true });
const TYPE = /^[a-z]+\.[a-z_]+\.[a-z_]+$/;
const SOURCE_SET: ReadonlySet<unknown> = new Set(SOURCES);
const ROLE_SET: ReadonlySet<unknown> = new Set(TARGET_ROLES);
const IDENTITY_KEYS = ['email', 'githubLogin', 'githubId', 'slackId', 'graphId', 'name'] as const;
const NULLABLE_TEXT_KEYS = ['conversationId', 'inReplyTo', 'subject', 'text', 'url'] as const;

/** Zod counts string lengths in code points; a UTF-16 length of at least twice `min` is enough for any text. */
const longEnough = (v: unknown, min: number): v is string =>
  typeof v === 'string' && (min <= 1 ? v.length >= min : v.length >= 2 * min);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, key: string) => Object.hasOwn(o, key);

/** An identity's known fields, in the schema's order, or null when one is off (zod decides then). */
function plainIdentity(v: unknown, role: unknown): Record<string, unknown> | null {
  if (!isObject(v)) return null;
  const out: Record<string, unknown> = {};
  for (const key of IDENTITY_KEYS) {
    if (!hasOwn(v, key)) continue;
    const field = v[key];
    const ok =
      key === 'githubId'
        ? Number.isSafeInteger(field)
        : key === 'name'
          ? typeof field === 'string'
          : longEnough(field, key === 'email' ? 3 : 1);
    if (!ok) return null;
    out[key] = field;
  }
  const accounts = ['email', 'githubLogin', 'githubId', 'slackId', 'graphId'].some((k) => hasOwn(out, k));
  if (!accounts) return null;
  if (role !== undefined) {
    if (!ROLE_SET.has(role)) return null;
    out.role = role;
  }
  return out;
}

/**
 * What `ActivityEventSchema.parse(value)` returns — the same fields in the same order, defaults
 * filled in and unknown fields left out — for a value that plainly is a valid event, found without
 * zod (the classifier decodes every raw message); null for anything else, which the caller hands to
 * zod, to be accepted or refused with its reasons. A JSON value only (no `undefined` inside).
 *
 * @example plainActivityEvent(JSON.parse(text)) ?? ActivityEventSchema.parse(JSON.parse(text))
 */
export function plainActivityEvent(value: unknown): ActivityEvent | null {
  if (!isObject(value)) return null;
  const { id, source, type, occurredAt } = value;
  if (!longEnough(id, 1) || id.length > 512 || !SOURCE_SET.has(source)) return null;
  if (typeof type !== 'string' || !TYPE.test(type) || !type.startsWith(`${source}.`)) return null;
  if (typeof occurredAt !== 'string' || !DATETIME.test(occurredAt)) return null;
  const actor = plainIdentity(value.actor, undefined);
  if (!actor) return null;
  let targets: Record<string, unknown>[] = [];
  if (hasOwn(value, 'targets')) {
    if (!Array.isArray(value.targets)) return null;
    targets = [];
    for (const t of value.targets) {
      const target = isObject(t) ? plainIdentity(t, t.role) : null;
      if (!target || !hasOwn(target, 'role')) return null;
      targets.push(target);
    }
  }
  const out: Record<string, unknown> = { id, source, type, occurredAt, actor, targets };
  for (const key of NULLABLE_TEXT_KEYS) {
    if (!hasOwn(value, key)) continue;
    const field = value[key];
    if (field !== null && typeof field !== 'string') return null;
    out[key] = field;
  }
  if (hasOwn(value, 'audience')) {
    const audience = value.audience;
    if (audience === null) out.audience = null;
    else if (!isObject(audience) || !longEnough(audience.kind, 1)) return null;
    else {
      const plain: Record<string, unknown> = { kind: audience.kind };
      if (hasOwn(audience, 'id')) {
        if (audience.id !== null && typeof audience.id !== 'string') return null;
        plain.id = audience.id;
      }
      if (hasOwn(audience, 'size')) {
        const size = audience.size;
        if (size !== null && !(Number.isSafeInteger(size) && (size as number) >= 0)) return null;
        plain.size = size;
      }
      out.audience = plain;
    }
  }
  if (hasOwn(value, 'attributes')) {
    const attributes = value.attributes;
    if (!isObject(attributes) || hasOwn(attributes, '__proto__')) return null;
    out.attributes = { ...attributes };
  } else {
    out.attributes = {};
  }
  return out as ActivityEvent;
}
