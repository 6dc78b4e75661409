import { PushpullError, personIdForEmail } from '@pushpull/core';
import type { Kysely } from 'kysely';
import { inTransaction } from './in-transaction';
import { assertIsoDate } from './iso-date';
import { selectOrgAsOf } from './org-as-of';
import { ALWAYS, upsertAccountLinks } from './org-repository';
import { bumpOrgVersion } from './org-version';
import type { DB } from './schema';

/** Provenance of account links made from the Microsoft Graph directory. */
export const GRAPH_PROVENANCE = 'graph';

/** One person of a directory snapshot (Microsoft Entra ID via Graph). */
export interface OrgSnapshotRow {
  email: string;
  name: string | null;
  managerEmail: string | null;
  title: string | null;
  department: string | null;
  /** The directory's id of the person (Graph user id): stored as a `graph_id` account. */
  graphId: string | null;
}

/** What a merge changed. */
export interface MergeOrgSnapshotResult {
  /** People new to the chart (one row each, valid always). */
  added: number;
  /** People whose manager, title or department changed (a new row valid from the snapshot date). */
  changed: number;
  unchanged: number;
}

/**
 * Merges a directory snapshot taken on `asOf` (ISO date) into the effective-dated org chart, in one
 * transaction, keeping history:
 * - a person new to the chart gets one row valid "always" (the directory does not say since when);
 * - a person whose manager, title or department differs from their row in force on `asOf` gets a new
 *   row valid from `asOf` (their GitHub login and Slack id carried over); a second snapshot the same
 *   day updates that row; a changed name alone is updated in place;
 * - unchanged people, and people of the chart the snapshot does not list (e.g. imported from CSV),
 *   are left alone.
 * Graph ids become `graph_id` account links with provenance 'graph' (a manual link wins). When
 * anything changed, the `org.version` setting is bumped so the classifier reloads the chart.
 *
 * @example await mergeOrgSnapshot(store.db, rows, '2026-05-01') // { added: 31, changed: 0, unchanged: 0 }
 */
export async function mergeOrgSnapshot(
  db: Kysely<DB>,
  rows: readonly OrgSnapshotRow[],
  asOf: string,
): Promise<MergeOrgSnapshotResult> {
  const date = assertIsoDate(asOf, 'mergeOrgSnapshot asOf');
  const seen = new Set<string>();
  const snapshot = rows.map((r) => {
    const email = r.email.trim().toLowerCase();
    if (!email)
      throw new PushpullError('STORE_INVALID_ARGUMENT', 'org snapshot: a person has an empty email', {});
    if (seen.has(email)) {
      throw new PushpullError('STORE_INVALID_ARGUMENT', `org snapshot: ${email} is listed twice`, { email });
    }
    seen.add(email);
    return { ...r, email, managerEmail: r.managerEmail?.trim().toLowerCase() || null };
  });
  const result: MergeOrgSnapshotResult = { added: 0, changed: 0, unchanged: 0 };
  await inTransaction(db, async (tx) => {
    const current = new Map((await selectOrgAsOf(tx, date)).map((row) => [row.email, row]));
    const known = new Set(
      (await tx.selectFrom('org_person').select('email').distinct().execute()).map((r) => r.email),
    );
    for (const p of snapshot) {
      const now = current.get(p.email);
      if (!now && !known.has(p.email)) {
        await tx
          .insertInto('org_person')
          .values({
            email: p.email,
            valid_from: ALWAYS,
            person_id: personIdForEmail(p.email),
            name: p.name,
            manager_email: p.managerEmail,
            title: p.title,
            department: p.department,
            github_login: null,
            slack_id: null,
          })
          .execute();
        result.added += 1;
        continue;
      }
      const same =
        now !== undefined &&
        (now.manager_email ?? null) === p.managerEmail &&
        (now.title ?? null) === (p.title ?? null) &&
        (now.department ?? null) === (p.department ?? null);
      if (same && now) {
        if (p.name && now.name !== p.name) {
          await tx
            .updateTable('org_person')
            .set({ name: p.name })
            .where('email', '=', p.email)
            .where('valid_from', '=', now.valid_from)
            .execute();
        }
        result.unchanged += 1;
        continue;
      }
      await tx
        .insertInto('org_person')
        .values({
          email: p.email,
          valid_from: date,
          person_id: personIdForEmail(p.email),
          name: p.name ?? now?.name ?? null,
          manager_email: p.managerEmail,
          title: p.title,
          department: p.department,
          github_login: now?.github_login ?? null,
          slack_id: now?.slack_id ?? null,
        })
        .onConflict((oc) =>
          oc.columns(['email', 'valid_from']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            manager_email: eb.ref('excluded.manager_email'),
            title: eb.ref('excluded.title'),
            department: eb.ref('excluded.department'),
          })),
        )
        .execute();
      result.changed += 1;
    }
    const links = snapshot.filter((p) => p.graphId);
    await tx.deleteFrom('account').where('provenance', '=', GRAPH_PROVENANCE).execute();
    await upsertAccountLinks(
      tx,
      links.map((p) => ({
        kind: 'graph_id',
        value: (p.graphId as string).trim(),
        person_id: personIdForEmail(p.email),
        provenance: GRAPH_PROVENANCE,
      })),
    );
    if (result.added + result.changed > 0) {
      await bumpOrgVersion(tx);
    }
  });
  return result;
}

/**
 * The identity links the classifier resolves as overrides: manual links, plus links made from the
 * Graph directory (graph ids), as `{ kind, value, email }`. A manual link of the same account wins.
 *
 * @example OrgChart.fromRows(rows, { overrides: await loadIdentityLinks(store.db) })
 */
export async function loadIdentityLinks(
  db: Kysely<DB>,
): Promise<{ kind: string; value: string; email: string }[]> {
  const rows = await db
    .selectFrom('account')
    .select(['kind', 'value', 'person_id', 'provenance'])
    .where('provenance', 'in', ['manual', GRAPH_PROVENANCE])
    .orderBy('kind')
    .orderBy('value')
    .execute();
  return rows.map((r) => ({ kind: r.kind, value: r.value, email: r.person_id.replace(/^p:/, '') }));
}
