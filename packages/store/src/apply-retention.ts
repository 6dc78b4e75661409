import { PushpullError } from '@pushpull/core';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from './audit-repository';
import { inTransaction } from './in-transaction';
import { lockFactTables } from './rebuild-rollups';
import { rolledBack } from './rolled-back';
import type { DB } from './schema';

/** What a retention run deleted. */
export interface RetentionResult {
  /** The first UTC day kept ('YYYY-MM-DD'): everything before it went. */
  keepFrom: string;
  facts: number;
  rollupRows: number;
  /** The classifier's conversation state deleted: pulls made, and trails last noted, before the cutoff. */
  conversationRows: number;
}

/** The first UTC day kept when `now` keeps `days` days: today counts as one. */
export function retentionStart(now: Date, days: number): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * PUSHPULL_RETENTION_DAYS: deletes, in ONE transaction, the facts (with their edges) that occurred
 * before the first kept UTC day, the rollups of those days (made of nothing but those facts, so
 * deleting them is the re-derivation) and the conversation state as old; writes a `retention.run`
 * audit row with the counts. Whole UTC days go, so no day's rollups are left half counted.
 *
 * @example await applyRetention(store.db, { days: 365, actor: 'connector-worker' }) // { keepFrom: '2025-12-08', facts: 812, … }
 */
export async function applyRetention(
  db: Kysely<DB>,
  options: { days: number; actor: string; now?: Date },
): Promise<RetentionResult> {
  if (!Number.isInteger(options.days) || options.days < 1) {
    throw new PushpullError(
      'RETENTION_BAD_DAYS',
      `retention must be a whole number of days ≥ 1, not ${options.days}`,
    );
  }
  const now = options.now ?? new Date();
  const keepFrom = retentionStart(now, options.days);
  const cutoff = new Date(`${keepFrom}T00:00:00.000Z`);
  try {
    return await inTransaction(db, async (tx) => {
      await lockFactTables(tx);
      const facts = Number(
        (await tx.deleteFrom('labeled_fact').where('occurred_at', '<', cutoff).executeTakeFirst())
          .numDeletedRows,
      );
      const rollupRows = Number(
        (await tx.deleteFrom('rollup_daily').where(sql<boolean>`day < ${keepFrom}::date`).executeTakeFirst())
          .numDeletedRows,
      );
      const conversationRows =
        Number(
          (await tx.deleteFrom('conversation_pull').where('occurred_at', '<', cutoff).executeTakeFirst())
            .numDeletedRows,
        ) +
        Number(
          (await tx.deleteFrom('conversation_trail').where('last_at', '<', cutoff).executeTakeFirst())
            .numDeletedRows,
        );
      const result = { keepFrom, facts, rollupRows, conversationRows };
      await writeAudit(tx, {
        actor: options.actor,
        action: 'retention.run',
        detail: { days: options.days, ...result },
        at: now,
      });
      return result;
    });
  } catch (err) {
    throw rolledBack('applyRetention', err);
  }
}
