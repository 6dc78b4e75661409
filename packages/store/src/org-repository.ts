import { PushpullError, personIdForEmail } from '@pushpull/core';
import type { Insertable, Kysely } from 'kysely';
import { chunkRows } from './chunk-rows';
import { inTransaction } from './in-transaction';
import { assertIsoDate } from './iso-date';
import { bumpOrgVersion } from './org-version';
import type { AccountTable, DB, OrgPersonTable } from './schema';

/**
 * Inserts account links, replacing a link of the same account unless an admin made it by hand
 * (provenance 'manual' always wins). Used by the org CSV import and the Graph org sync.
 *
 * @example await upsertAccountLinks(tx, [{ kind: 'graph_id', value: id, person_id, provenance: 'graph' }]);
 */
export async function upsertAccountLinks(
  db: Kysely<DB>,
  links: readonly Insertable<AccountTable>[],
): Promise<void> {
  for (const chunk of chunkRows(links, 4)) {
    await db
      .insertInto('account')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['kind', 'value'])
          .doUpdateSet((eb) => ({
            person_id: eb.ref('excluded.person_id'),
            provenance: eb.ref('excluded.provenance'),
          }))
          .where('account.provenance', '<>', 'manual'),
      )
      .execute();
  }
}

/** One org chart row as the org package reads it from CSV (validFrom null = always). */
export interface OrgPersonInput {
  email: string;
  name: string | null;
  managerEmail: string | null;
  title: string | null;
  department: string | null;
  githubLogin: string | null;
  slackId: string | null;
  validFrom: string | null;
}

/** The date that stands for "always" in `org_person.valid_from` (a key column cannot be null). */
export const ALWAYS = '0001-01-01';

/** Provenance of accounts derived from the org chart; rebuilt on every replace. */
export const ORG_CSV_PROVENANCE = 'org-csv';

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toRow(input: OrgPersonInput): Insertable<OrgPersonTable> {
  const email = normalizeEmail(input.email);
  if (email.length === 0) {
    throw new PushpullError('STORE_INVALID_ARGUMENT', 'org chart: a row has an empty email', {});
  }
  return {
    email,
    valid_from: input.validFrom === null ? ALWAYS : assertIsoDate(input.validFrom, `valid_from of ${email}`),
    person_id: personIdForEmail(email),
    name: input.name,
    manager_email: input.managerEmail ? normalizeEmail(input.managerEmail) : null,
    title: input.title,
    department: input.department,
    github_login: input.githubLogin,
    slack_id: input.slackId,
  };
}

/** Accounts (email, github_login lower-cased, slack_id as is) of every row, one per kind+value. */
function accountsOf(rows: Insertable<OrgPersonTable>[]): Insertable<AccountTable>[] {
  const byKey = new Map<string, Insertable<AccountTable>>();
  const add = (kind: string, value: string | null | undefined, personId: string) => {
    if (!value) return;
    const key = `${kind}\u0000${value}`;
    const existing = byKey.get(key);
    if (existing && existing.person_id !== personId) {
      throw new PushpullError(
        'STORE_INVALID_ARGUMENT',
        `org chart: ${kind} '${value}' belongs to both ${existing.person_id} and ${personId}`,
        { kind, value },
      );
    }
    byKey.set(key, { kind, value, person_id: personId, provenance: ORG_CSV_PROVENANCE });
  };
  for (const row of rows) {
    add('email', row.email, row.person_id);
    add('github_login', row.github_login?.trim().toLowerCase(), row.person_id);
    add('slack_id', row.slack_id?.trim(), row.person_id);
  }
  return [...byKey.values()];
}

/**
 * Replaces the whole org chart (all history rows) in one transaction: all or nothing. Emails and
 * manager emails are stored trimmed and lower-cased; `person_id` is `personIdForEmail(email)`.
 * Also rebuilds the `account` rows with provenance 'org-csv' (email, github_login lower-cased,
 * slack_id); an account set by hand (provenance 'manual') keeps its person. Bumps the org version in
 * the same transaction.
 *
 * @example
 * await replaceOrgChart(store.db, parseOrgCsv(csvText));
 */
export async function replaceOrgChart(db: Kysely<DB>, rows: readonly OrgPersonInput[]): Promise<void> {
  const orgRows = rows.map(toRow);
  const seen = new Set<string>();
  for (const row of orgRows) {
    const key = `${row.email} ${row.valid_from}`;
    if (seen.has(key)) {
      throw new PushpullError(
        'STORE_INVALID_ARGUMENT',
        `org chart: two rows for ${row.email} valid from ${row.valid_from === ALWAYS ? '(always)' : row.valid_from}`,
        { email: row.email },
      );
    }
    seen.add(key);
  }
  const accounts = accountsOf(orgRows);
  try {
    await inTransaction(db, async (tx) => {
      await tx.deleteFrom('org_person').execute();
      await tx.deleteFrom('account').where('provenance', '=', ORG_CSV_PROVENANCE).execute();
      for (const chunk of chunkRows(orgRows, 9)) await tx.insertInto('org_person').values(chunk).execute();
      await upsertAccountLinks(tx, accounts);
      await bumpOrgVersion(tx);
    });
  } catch (err) {
    throw new PushpullError(
      'STORE_WRITE_FAILED',
      `replaceOrgChart: nothing imported (${orgRows.length} rows): ${err instanceof Error ? err.message : String(err)}`,
      { rows: orgRows.length },
      { cause: err },
    );
  }
}

/**
 * Reads the whole org chart, history rows included, ordered by email then valid_from.
 * `validFrom` is null for rows valid "always".
 *
 * @example const org = OrgChart.fromRows(await loadOrgRows(store.db));
 */
export async function loadOrgRows(db: Kysely<DB>): Promise<OrgPersonInput[]> {
  const rows = await db.selectFrom('org_person').selectAll().orderBy('email').orderBy('valid_from').execute();
  return rows.map((r) => ({
    email: r.email,
    name: r.name,
    managerEmail: r.manager_email,
    title: r.title,
    department: r.department,
    githubLogin: r.github_login,
    slackId: r.slack_id,
    validFrom: r.valid_from === ALWAYS ? null : r.valid_from,
  }));
}
