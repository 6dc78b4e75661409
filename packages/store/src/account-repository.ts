import { personIdForEmail } from '@pushpull/core';
import type { Kysely } from 'kysely';
import { inTransaction } from './in-transaction';
import { bumpOrgVersion } from './org-version';
import type { DB } from './schema';

/** Provenance of an account link set by an admin (the identity override file). */
export const MANUAL_PROVENANCE = 'manual';

/** A manual link: the account kind/value belongs to the person with this email. */
export interface ManualAccountInput {
  kind: string;
  value: string;
  email: string;
}

/** Every account link, with how it was made. */
export interface AccountLink {
  kind: string;
  value: string;
  personId: string;
  provenance: string;
}

/**
 * Replaces the manual account links (provenance 'manual') in one transaction; links made from the
 * org chart stay. A manual link wins over an org-chart link of the same account. Bumps the org version
 * in the same transaction.
 *
 * @example await replaceManualAccounts(store.db, parseIdentityOverrides(text));
 */
export async function replaceManualAccounts(
  db: Kysely<DB>,
  links: readonly ManualAccountInput[],
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.deleteFrom('account').where('provenance', '=', MANUAL_PROVENANCE).execute();
    for (const l of links) {
      await tx
        .insertInto('account')
        .values({
          kind: l.kind,
          value: l.value,
          person_id: personIdForEmail(l.email),
          provenance: MANUAL_PROVENANCE,
        })
        .onConflict((oc) =>
          oc
            .columns(['kind', 'value'])
            .doUpdateSet({ person_id: personIdForEmail(l.email), provenance: MANUAL_PROVENANCE }),
        )
        .execute();
    }
    await bumpOrgVersion(tx);
  });
}

/** The manual links, as `{ kind, value, email }` (the person id is `p:` + email). */
export async function loadManualAccounts(db: Kysely<DB>): Promise<ManualAccountInput[]> {
  const rows = await db
    .selectFrom('account')
    .select(['kind', 'value', 'person_id'])
    .where('provenance', '=', MANUAL_PROVENANCE)
    .orderBy('kind')
    .orderBy('value')
    .execute();
  return rows.map((r) => ({ kind: r.kind, value: r.value, email: r.person_id.replace(/^p:/, '') }));
}

/** Every account link (org chart and manual), ordered by person, kind and value. */
export async function listAccountLinks(db: Kysely<DB>): Promise<AccountLink[]> {
  const rows = await db
    .selectFrom('account')
    .selectAll()
    .orderBy('person_id')
    .orderBy('kind')
    .orderBy('value')
    .execute();
  return rows.map((r) => ({ kind: r.kind, value: r.value, personId: r.person_id, provenance: r.provenance }));
}
