import { type Kysely, sql } from 'kysely';
import { chunkRows } from './chunk-rows';
import type { DB } from './schema';

/**
 * What the audit log records (docs/security.md): an erasure, a retention run, or a dashboard answer that
 * showed a named person to someone (`dashboard.view`).
 */
export type AuditAction = 'person.erase' | 'retention.run' | 'dashboard.view';

/**
 * One audit row. `subjectHash` is the keyed hash of the address it is about (`subjectHash` of @pushpull/core:
 * an erased or a viewed person); `detail` holds counts and dates only.
 */
export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subjectHash: string | null;
  detail: Record<string, unknown>;
}

/** An audit row to write. Never put a name, an address or message text in `actor` or `detail`. */
export interface AuditInput {
  actor: string;
  action: AuditAction;
  subjectHash?: string | null;
  detail: Record<string, string | number | boolean | null>;
  at?: Date;
}

/**
 * Appends an audit row; pass the writer's transaction so the row commits with the change it records.
 *
 * @example await writeAudit(tx, { actor: 'cli:root', action: 'retention.run', detail: { facts: 12 } });
 */
export async function writeAudit(db: Kysely<DB>, entry: AuditInput): Promise<void> {
  await writeAuditRows(db, [entry]);
}

/**
 * Appends many audit rows in one multi-row insert (split only past the statement's parameter limit),
 * for writers that queue rows, like the dashboard's view audit. Rows without `at` get the database's now.
 *
 * @example await writeAuditRows(store.db, [{ actor: 'dashboard:root', action: 'dashboard.view', detail: { people: 3 } }]);
 */
export async function writeAuditRows(db: Kysely<DB>, entries: readonly AuditInput[]): Promise<void> {
  // every row names the same columns (a multi-row insert takes the first row's), `at` included
  const rows = entries.map((entry) => ({
    actor: entry.actor,
    action: entry.action,
    subject_hash: entry.subjectHash ?? null,
    detail: JSON.stringify(entry.detail),
    at: entry.at ?? sql<Date>`now()`,
  }));
  for (const chunk of chunkRows(rows, 5)) await db.insertInto('audit_log').values(chunk).execute();
}

/**
 * The audit rows at or after `since` (all without), oldest first.
 *
 * @example const rows = await listAudit(store.db, new Date('2026-12-01'));
 */
export async function listAudit(db: Kysely<DB>, since?: Date): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id');
  if (since) query = query.where('at', '>=', since);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
    actor: r.actor,
    action: r.action,
    subjectHash: r.subject_hash,
    detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
  }));
}
