import { createHash, createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { installationKey } from './installation-key';
import type { DB } from './schema';

/** What every pseudonym starts with: `pp-` then {@link PSEUDONYM_HEX_DIGITS} hex digits. */
export const PSEUDONYM_PREFIX = 'pp-';

/** Hex digits of the HMAC kept in a pseudonym: 48 bits, no collision to expect below millions of people. */
export const PSEUDONYM_HEX_DIGITS = 12;

/** A pseudonym as the analytics views and the dashboard write it (`pp-3fa9c2d10b7e`). */
export const PSEUDONYM_PATTERN = /^pp-[0-9a-f]{12}$/;

/** Maps a person id (`p:lea@acme.io`) to its pseudonym. */
export type Pseudonymiser = (personId: string) => string;

/**
 * The pseudonym of a person id under the installation key: `pp-` and the first 12 hex digits of
 * HMAC-SHA256(key, personId). The analytics views compute the same in SQL
 * (`analytics_internal.pseudonym`, migration 0009; a test holds the two equal), so a pseudonym on the
 * dashboard is the `person_id` of the analytics schema. Without the key nobody can tell which address
 * a pseudonym stands for, nor recompute one from an address.
 *
 * @example pseudonymOf(key, 'p:lea@acme.io') // 'pp-3fa9c2d10b7e'
 */
export function pseudonymOf(key: string, personId: string): string {
  const digest = createHmac('sha256', key).update(personId, 'utf8').digest('hex');
  return `${PSEUDONYM_PREFIX}${digest.slice(0, PSEUDONYM_HEX_DIGITS)}`;
}

/**
 * The installation's pseudonymiser (the key is read, or made, once).
 *
 * @example const alias = await pseudonymiser(store.db); alias('p:lea@acme.io') // 'pp-3fa9c2d10b7e'
 */
export async function pseudonymiser(db: Kysely<DB>): Promise<Pseudonymiser> {
  const key = await installationKey(db);
  return (personId) => pseudonymOf(key, personId);
}

/** HMAC's block size for SHA-256, in bytes. */
const BLOCK = 64;

/**
 * The inner and outer padded keys of HMAC-SHA256 under `key` (RFC 2104: the key, zero-padded to 64
 * bytes — hashed first when longer —, XOR 0x36 and XOR 0x5c). With them SQL computes the HMAC with
 * the built-in `sha256` alone: sha256(outer || sha256(inner || message)).
 */
export function hmacPads(key: string): { inner: Buffer; outer: Buffer } {
  const raw = Buffer.from(key, 'utf8');
  const bytes = raw.length > BLOCK ? createHash('sha256').update(raw).digest() : raw;
  const padded = Buffer.alloc(BLOCK);
  bytes.copy(padded);
  const inner = Buffer.alloc(BLOCK);
  const outer = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = (padded[i] ?? 0) ^ 0x36;
    outer[i] = (padded[i] ?? 0) ^ 0x5c;
  }
  return { inner, outer };
}

/**
 * Writes the installation key's HMAC pads into `analytics_internal.pseudonym_pad` (migration 0009),
 * where the analytics views read them to compute pseudonyms; a no-op once they are there. Runs
 * whenever a store opens (`openStore`), never in a migration: a migrated PGlite template is copied into
 * every new data folder, and each installation must get its own key.
 */
export async function ensurePseudonymPads(db: Kysely<DB>): Promise<void> {
  const present = await sql<{
    n: number;
  }>`select count(*)::integer as n from analytics_internal.pseudonym_pad`.execute(db);
  if ((present.rows[0]?.n ?? 0) > 0) return;
  const { inner, outer } = hmacPads(await installationKey(db));
  await sql`insert into analytics_internal.pseudonym_pad (inner_pad, outer_pad) values (${inner}, ${outer})
    on conflict do nothing`.execute(db);
}
