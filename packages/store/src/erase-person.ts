import { accountKey, PushpullError, personIdForEmail, subjectHash as subjectHashOf } from '@pushpull/core';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from './audit-repository';
import { deleteTrailsOf } from './conversation-trail-repository';
import { inTransaction } from './in-transaction';
import { installationKey } from './installation-key';
import { bumpOrgVersion } from './org-version';
import { lockFactTables } from './rebuild-rollups';
import { rolledBack } from './rolled-back';
import { type RollupDay, rederiveRollups } from './rollup-rule';
import type { DB } from './schema';
import { suppressAccounts } from './suppression-repository';

/** What `erasePerson` removed, as counts (what the audit row records). */
export interface ErasePersonResult {
  /** The keyed hash of the erased address (also in `suppression` and `audit_log`). */
  subjectHash: string;
  /** Facts deleted: the person's own and every fact with an edge to them (with their edges). */
  facts: number;
  /** Rollup rows deleted: the person's own. */
  rollupRows: number;
  /** Other people × days whose rollups were re-derived. */
  rederivedDays: number;
  /** The classifier's conversation state deleted: pulls and trails that name the person. */
  conversationRows: number;
  identityConflicts: number;
  accounts: number;
  orgRows: number;
  /** Org rows of the person's reports now pointing at the person's own manager (or none). */
  reportsMoved: number;
  logins: number;
  cursors: number;
  /** Account hashes newly suppressed. */
  suppressed: number;
}

/** Who erases whom. */
export interface ErasePersonInput {
  email: string;
  /** Who ran it, for the audit row (e.g. `cli:alice`); never a person's address. */
  actor: string;
  now?: Date;
}

const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint; numAffectedRows?: bigint }) =>
  Number(r.numDeletedRows ?? r.numUpdatedRows ?? r.numAffectedRows ?? 0n);

/**
 * Erases a person in ONE transaction (docs/security.md, "Erasure"): every row that names or keys them
 * goes, and every aggregate they touched is re-derived.
 * - facts where they act or are a counterpart (an edge to them), with their edges; their rollups; the
 *   rollups of the other actors of those facts re-derived for the days concerned (`rederiveRollups`),
 *   so the rollups equal a fresh ingest without those events; `responds_to` pointing at a deleted fact
 *   (whose id may hold the address) is cleared. A broadcast they only received among many keeps its
 *   fact: its edge names nobody, so nothing in it keys them;
 * - the classifier's conversation state that keys them (or those facts), identity conflicts naming
 *   them, their account links, their org chart rows, dashboard logins tied to them or named by their
 *   address, and sync cursors whose scope names the address;
 * - their reports (in every dated row) now report to the erased person's own manager as of that row's
 *   date, or to nobody;
 * - their accounts (address, GitHub login and id, Slack id, Graph id, from the org chart and the
 *   account links) are suppressed as keyed hashes, so later syncs and ingests drop events involving
 *   them; one `person.erase` audit row with the address's keyed hash and the counts.
 * Erasing an unknown address still suppresses it (and is audited). The org version is bumped.
 *
 * @example const r = await erasePerson(store.db, { email: 'lea@acme.io', actor: 'cli:root' }); r.facts // 412
 */
export async function erasePerson(db: Kysely<DB>, input: ErasePersonInput): Promise<ErasePersonResult> {
  const address = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
    throw new PushpullError('ERASE_BAD_ADDRESS', 'not an email address (name@domain)');
  }
  const personId = personIdForEmail(address);
  try {
    return await inTransaction(db, async (tx) => {
      const secret = await installationKey(tx);
      const subjectHash = subjectHashOf(secret, address);

      const links = await tx
        .selectFrom('account')
        .select(['kind', 'value'])
        .where((eb) =>
          eb.or([
            eb('person_id', '=', personId),
            eb.and([eb('kind', '=', 'email'), eb(sql`lower(value)`, '=', address)]),
          ]),
        )
        .execute();
      const orgAccounts = await tx
        .selectFrom('org_person')
        .select(['github_login', 'slack_id'])
        .where(sql`lower(email)`, '=', address)
        .execute();
      const keys = new Set<string>([`email:${address}`]);
      const add = (kind: string, value: string | null) => {
        const key = value === null ? null : accountKey(kind, value);
        if (key) keys.add(key);
      };
      for (const l of links) add(l.kind, l.value);
      for (const o of orgAccounts) {
        add('github_login', o.github_login);
        add('slack_id', o.slack_id);
      }
      const identityKeys = [personId, ...keys];

      await lockFactTables(tx);
      const factRows = await sql<{ event_id: string }>`
        select event_id from labeled_fact where actor_person_id = ${personId}
        union
        select event_id from edge_fact where target_person_id = ${personId}`.execute(tx);
      const eventIds = factRows.rows.map((r) => r.event_id);
      const touched = await sql<{ person_id: string; day: string }>`
        select distinct actor_person_id as person_id, ((occurred_at at time zone 'UTC')::date)::text as day
        from labeled_fact
        where event_id = any(${eventIds}::text[]) and actor_person_id is not null
          and actor_person_id <> ${personId}`.execute(tx);
      const facts = count(
        await tx
          .deleteFrom('labeled_fact')
          .where(sql<boolean>`event_id = any(${eventIds}::text[])`)
          .executeTakeFirst(),
      );
      // Ids of the deleted facts may hold the address (an Outlook message id does): no fact points to them.
      await sql`update labeled_fact set responds_to = null
        where responds_to = any(${eventIds}::text[])`.execute(tx);
      const rollupRows = count(
        await tx.deleteFrom('rollup_daily').where('person_id', '=', personId).executeTakeFirst(),
      );
      const days: RollupDay[] = touched.rows.map((r) => ({ personId: r.person_id, day: r.day }));
      await rederiveRollups(tx, days);

      const conversationRows = count(
        await tx
          .deleteFrom('conversation_pull')
          .where(
            sql<boolean>`puller_key = any(${identityKeys}::text[]) or pulled_key = any(${identityKeys}::text[])
              or event_id = any(${eventIds}::text[])`,
          )
          .executeTakeFirst(),
      );
      const trailRows = await deleteTrailsOf(tx, identityKeys, eventIds);
      const identityConflicts = count(
        await tx
          .deleteFrom('identity_conflict')
          .where(
            sql<boolean>`identity_key = any(${identityKeys}::text[])
              or person_ids @> ${JSON.stringify([personId])}::jsonb`,
          )
          .executeTakeFirst(),
      );
      const accounts = count(
        await tx
          .deleteFrom('account')
          .where((eb) =>
            eb.or([
              eb('person_id', '=', personId),
              eb.and([eb('kind', '=', 'email'), eb(sql`lower(value)`, '=', address)]),
            ]),
          )
          .executeTakeFirst(),
      );

      // Reports: each dated row now names the erased person's own manager as of that row's date.
      const reportsMoved = count(
        await sql`update org_person r set manager_email = (
            select m.manager_email from org_person m
            where lower(m.email) = ${address} and m.valid_from <= r.valid_from
            order by m.valid_from desc limit 1)
          where lower(r.manager_email) = ${address} and lower(r.email) <> ${address}`.execute(tx),
      );
      await sql`update org_person set manager_email = null
        where lower(manager_email) = ${address}`.execute(tx);
      const orgRows = count(
        await tx.deleteFrom('org_person').where(sql`lower(email)`, '=', address).executeTakeFirst(),
      );
      const logins = count(
        await tx
          .deleteFrom('app_user')
          .where((eb) => eb.or([eb('person_id', '=', personId), eb(sql`lower(username)`, '=', address)]))
          .executeTakeFirst(),
      );
      const cursors = count(
        await tx
          .deleteFrom('sync_cursor')
          .where(sql<boolean>`position(${address} in lower(scope)) > 0`)
          .executeTakeFirst(),
      );
      const suppressed = await suppressAccounts(tx, secret, subjectHash, [...keys], 'erased');
      const result: ErasePersonResult = {
        subjectHash,
        facts,
        rollupRows,
        rederivedDays: days.length,
        conversationRows: conversationRows + trailRows,
        identityConflicts,
        accounts,
        orgRows,
        reportsMoved,
        logins,
        cursors,
        suppressed,
      };
      const { subjectHash: _, ...detail } = result;
      await writeAudit(tx, {
        actor: input.actor,
        action: 'person.erase',
        subjectHash,
        detail,
        ...(input.now ? { at: input.now } : {}),
      });
      await bumpOrgVersion(tx, input.now);
      return result;
    });
  } catch (err) {
    throw rolledBack('erasePerson', err);
  }
}
