import { isPushpullError } from '@pushpull/core';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceManualAccounts } from '../account-repository';
import { findPulls, findPullsAtOrgVersion, recordPulls } from '../conversation-repository';
import { deleteTrailsOf, findTrails, recordTrails } from '../conversation-trail-repository';
import { getCursor, setCursor } from '../cursor-repository';
import {
  countFacts,
  type EdgeInput,
  type FactInput,
  readOffsets,
  recordLabeledBatch,
} from '../fact-repository';
import { listIdentityConflicts, recordIdentityConflicts } from '../identity-conflict-repository';
import { queryLeaderCounts, queryPersonCounts } from '../leader-repository';
import { migrateStore } from '../migrate-store';
import { migrations } from '../migrations';
import { factRollupDirectionsMigration } from '../migrations/0011-fact-rollup-directions';
import type { Store } from '../open-store';
import { loadOrgRows, type OrgPersonInput, replaceOrgChart } from '../org-repository';
import { bumpOrgVersion, readOrgVersion } from '../org-version';
import { replaceFacts } from '../replace-facts';
import { factsWithIds, readRollupRows, rederiveRollups } from '../rollup-rule';
import type { DB } from '../schema';
import { findUser, getSetting, setSetting, upsertUser } from '../user-repository';
import { describeOrgAsOfContract } from './org-as-of-contract';
import { orgPerson } from './test-facts';

/** What a contract run needs: a fresh, migrated store and how to dispose of it. */
export type MakeStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

const SLOW = 120_000;

let sequence = 0;
/** A fact with sensible defaults; ids are unique per call unless given. */
function fact(overrides: Partial<FactInput> & { actorPersonId: string | null }): FactInput {
  sequence += 1;
  return {
    eventId: `test:${sequence}:${Math.random().toString(36).slice(2, 8)}`,
    occurredAt: '2024-05-01T10:00:00Z',
    source: 'slack',
    type: 'slack.message.posted',
    mode: 'push',
    initiative: 'proactive',
    confidence: 0.9,
    reasons: ['statement'],
    classifierVersion: '1.0.0',
    url: null,
    edges: [edge('up')],
    ...overrides,
  };
}

function edge(direction: string, overrides: Partial<EdgeInput> = {}): EdgeInput {
  return {
    targetPersonId: 'p:someone@acme.io',
    direction,
    distance: null,
    broadcast: false,
    audienceSize: null,
    ...overrides,
  };
}

const person = (email: string, managerEmail: string | null, validFrom: string | null = null) =>
  orgPerson(email, managerEmail, { validFrom });

async function rollupOf(store: Store, personId: string) {
  return store.db
    .selectFrom('rollup_daily')
    .select(['day', 'direction', 'mode', 'initiative', 'source', 'events'])
    .where('person_id', '=', personId)
    .orderBy('day')
    .orderBy('direction')
    .orderBy('mode')
    .orderBy('initiative')
    .orderBy('source')
    .execute();
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<Error> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isPushpullError(err, code), `expected PushpullError ${code}, got ${String(err)}`).toBe(true);
  return err as Error;
}

/**
 * The behaviour every store backend must share. Runs against PGlite (unit) and Postgres
 * (integration) with one store per run; tests use their own person ids, groups and keys.
 *
 * @example describeStoreContract('PGlite', async () => { ... return { store, cleanup }; });
 */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`store contract: ${name}`, { timeout: SLOW }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
    }, SLOW);

    afterAll(async () => {
      await cleanup?.();
    }, SLOW);

    describeOrgAsOfContract(() => store);

    it('migrations are idempotent, also when two runs race', async () => {
      await setSetting(store.db, 'contract.kept', 'yes');
      const again = await Promise.all([
        migrateStore(store.db, store.kind),
        migrateStore(store.db, store.kind),
      ]);
      expect(again).toEqual([[], []]);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        store.db,
      );
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
      expect(await getSetting(store.db, 'contract.kept')).toBe('yes');
    });

    it('replaces and loads the org chart with history rows, and rebuilds org-csv accounts', async () => {
      await store.db
        .insertInto('account')
        .values({
          kind: 'github_login',
          value: 'manual-ada',
          person_id: 'p:someone@else.io',
          provenance: 'manual',
        })
        .execute();
      const rows: OrgPersonInput[] = [
        { ...person('Boss@Acme.io', null), githubLogin: 'BossHub', slackId: 'U01BOSS', title: 'CEO' },
        { ...person('ada@acme.io', 'boss@acme.io'), githubLogin: 'manual-ada', department: 'Eng' },
        { ...person('ada@acme.io', 'lea@acme.io', '2024-03-01'), githubLogin: 'ada-new' },
        person('lea@acme.io', 'boss@acme.io', '2024-02-01'),
      ];
      await replaceOrgChart(store.db, rows);
      const loaded = await loadOrgRows(store.db);
      expect(loaded).toEqual([rows[1], rows[2], { ...rows[0], email: 'boss@acme.io' }, rows[3]]);
      const persons = await store.db.selectFrom('org_person').select(['email', 'person_id']).execute();
      expect(new Set(persons.map((p) => p.person_id))).toEqual(
        new Set(['p:boss@acme.io', 'p:ada@acme.io', 'p:lea@acme.io']),
      );
      const accounts = await store.db
        .selectFrom('account')
        .selectAll()
        .orderBy('kind')
        .orderBy('value')
        .execute();
      expect(accounts).toEqual([
        { kind: 'email', value: 'ada@acme.io', person_id: 'p:ada@acme.io', provenance: 'org-csv' },
        { kind: 'email', value: 'boss@acme.io', person_id: 'p:boss@acme.io', provenance: 'org-csv' },
        { kind: 'email', value: 'lea@acme.io', person_id: 'p:lea@acme.io', provenance: 'org-csv' },
        { kind: 'github_login', value: 'ada-new', person_id: 'p:ada@acme.io', provenance: 'org-csv' },
        { kind: 'github_login', value: 'bosshub', person_id: 'p:boss@acme.io', provenance: 'org-csv' },
        // set by hand: the org chart does not take it over
        { kind: 'github_login', value: 'manual-ada', person_id: 'p:someone@else.io', provenance: 'manual' },
        { kind: 'slack_id', value: 'U01BOSS', person_id: 'p:boss@acme.io', provenance: 'org-csv' },
      ]);

      await replaceOrgChart(store.db, [person('solo@acme.io', null)]);
      expect(await loadOrgRows(store.db)).toEqual([person('solo@acme.io', null)]);
      const after = await store.db.selectFrom('account').select(['kind', 'value']).orderBy('value').execute();
      expect(after).toEqual([
        { kind: 'github_login', value: 'manual-ada' },
        { kind: 'email', value: 'solo@acme.io' },
      ]);
    });

    it('imports nothing when any row of an org chart fails', async () => {
      await replaceOrgChart(store.db, [person('keep@acme.io', null)]);
      await expectCode(
        replaceOrgChart(store.db, [
          person('x@acme.io', null),
          person('y@acme.io', 'x@acme.io', '2024-13-01'),
        ]),
        'STORE_INVALID_ARGUMENT',
      );
      // A row the database itself refuses (a NUL byte in text), after the old chart was deleted.
      await expectCode(
        replaceOrgChart(store.db, [
          person('x@acme.io', null),
          { ...person('y@acme.io', null), name: 'bad\u0000name' },
        ]),
        'STORE_WRITE_FAILED',
      );
      expect(await loadOrgRows(store.db)).toEqual([person('keep@acme.io', null)]);
    });

    it('every org write bumps the org version in its own transaction, and a failed one does not', async () => {
      await replaceOrgChart(store.db, [person('v1@acme.io', null)]);
      const first = await readOrgVersion(store.db);
      expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9a-f]{8}$/);
      await replaceOrgChart(store.db, [person('v1@acme.io', null)]); // the same chart again, the same millisecond maybe
      const second = await readOrgVersion(store.db);
      expect(second).not.toBe(first);
      await expectCode(
        replaceOrgChart(store.db, [
          person('x@acme.io', null),
          { ...person('y@acme.io', null), name: 'bad\u0000name' },
        ]),
        'STORE_WRITE_FAILED',
      );
      expect(await readOrgVersion(store.db)).toBe(second); // rolled back with the rows
      await replaceManualAccounts(store.db, [{ kind: 'slack_id', value: 'U0V1', email: 'v1@acme.io' }]);
      expect(await readOrgVersion(store.db)).not.toBe(second);
    });

    it('records a batch once: the same batch again reports duplicates and changes no count', async () => {
      const actor = 'p:dup@acme.io';
      const facts = [
        fact({ actorPersonId: actor, edges: [edge('up'), edge('down')] }),
        fact({ actorPersonId: actor, mode: 'pull', initiative: null, edges: [edge('down')] }),
        fact({ actorPersonId: actor, mode: 'neutral', initiative: null, edges: [] }),
      ];
      const before = await countFacts(store.db);
      const offsets = [{ topic: 'labeled', partition: 0, nextOffset: '3' }];
      expect(await recordLabeledBatch(store.db, { groupId: 'g-dup', facts, offsets })).toEqual({
        inserted: 3,
        duplicates: 0,
      });
      const rollup = await rollupOf(store, actor);
      expect(rollup.reduce((n, r) => n + r.events, 0)).toBe(4);
      expect(await recordLabeledBatch(store.db, { groupId: 'g-dup', facts, offsets })).toEqual({
        inserted: 0,
        duplicates: 3,
      });
      // a duplicate inside one batch counts once too
      const repeated = fact({ actorPersonId: actor });
      expect(
        await recordLabeledBatch(store.db, {
          groupId: 'g-dup',
          facts: [repeated, repeated, facts[0]!],
          offsets,
        }),
      ).toEqual({ inserted: 1, duplicates: 2 });
      expect(await countFacts(store.db)).toBe(before + 4);
      const edges = await store.db
        .selectFrom('edge_fact')
        .select(['event_id', 'edge_index', 'direction'])
        .where(
          'event_id',
          'in',
          facts.map((f) => f.eventId),
        )
        .orderBy('event_id')
        .orderBy('edge_index')
        .execute();
      expect(edges).toHaveLength(3);
      const after = await rollupOf(store, actor);
      expect(after.reduce((n, r) => n + r.events, 0)).toBe(5);
    });

    it('rolls the whole batch back when its last statement fails (facts, rollups and offsets)', async () => {
      const actor = 'p:atomic@acme.io';
      const facts = [fact({ actorPersonId: actor }), fact({ actorPersonId: actor })];
      const before = await countFacts(store.db);
      // next_offset must be digits (a check constraint): the offset upsert fails, after the facts'.
      await expectCode(
        recordLabeledBatch(store.db, {
          groupId: 'g-atomic',
          facts,
          offsets: [{ topic: 'labeled', partition: 0, nextOffset: 'not-an-offset' }],
        }),
        'STORE_WRITE_FAILED',
      );
      expect(await countFacts(store.db)).toBe(before);
      expect(await rollupOf(store, actor)).toEqual([]);
      expect((await readOffsets(store.db, 'g-atomic', 'labeled')).size).toBe(0);
      // and the store is still usable: the same batch with a good offset goes through
      const ok = await recordLabeledBatch(store.db, {
        groupId: 'g-atomic',
        facts,
        offsets: [{ topic: 'labeled', partition: 0, nextOffset: '2' }],
      });
      expect(ok).toEqual({ inserted: 2, duplicates: 0 });
    });

    it('writes a batch only while the org version it was filtered at holds (ifOrgVersion)', async () => {
      const actor = 'p:guard@acme.io';
      const facts = [fact({ actorPersonId: actor }), fact({ actorPersonId: actor, edges: [] })];
      const offsets = [{ topic: 'labeled', partition: 0, nextOffset: '7' }];
      const before = await countFacts(store.db);
      const at = await readOrgVersion(store.db);
      const moved = await bumpOrgVersion(store.db); // what an erasure does
      expect(moved).not.toBe(at);
      expect(
        await recordLabeledBatch(store.db, { groupId: 'g-guard', facts, offsets, ifOrgVersion: at }),
      ).toEqual({ inserted: 0, duplicates: 0, orgVersionMoved: moved });
      expect(await countFacts(store.db)).toBe(before);
      expect(await rollupOf(store, actor)).toEqual([]);
      expect((await readOffsets(store.db, 'g-guard', 'labeled')).size).toBe(0);
      expect(
        await recordLabeledBatch(store.db, { groupId: 'g-guard', facts, offsets, ifOrgVersion: moved }),
      ).toEqual({ inserted: 2, duplicates: 0 });
      expect(await countFacts(store.db)).toBe(before + 2);
      expect((await rollupOf(store, actor)).reduce((n, r) => n + r.events, 0)).toBe(2);
      expect(await readOffsets(store.db, 'g-guard', 'labeled')).toEqual(new Map([[0, '7']]));
    });

    it('reads offsets back per group and topic, the latest write winning', async () => {
      await recordLabeledBatch(store.db, {
        groupId: 'g-offsets',
        facts: [],
        offsets: [
          { topic: 'labeled', partition: 0, nextOffset: '10' },
          { topic: 'labeled', partition: 3, nextOffset: '9007199254740993' },
          { topic: 'other', partition: 0, nextOffset: '1' },
        ],
      });
      await recordLabeledBatch(store.db, {
        groupId: 'g-offsets',
        facts: [],
        offsets: [{ topic: 'labeled', partition: 0, nextOffset: '42' }],
      });
      expect(await readOffsets(store.db, 'g-offsets', 'labeled')).toEqual(
        new Map([
          [0, '42'],
          [3, '9007199254740993'],
        ]),
      );
      expect(await readOffsets(store.db, 'g-offsets', 'other')).toEqual(new Map([[0, '1']]));
      expect((await readOffsets(store.db, 'g-other', 'labeled')).size).toBe(0);
    });

    it('rolls up per UTC day × source × mode × initiative × distinct direction', async () => {
      const actor = 'p:rules@acme.io';
      const unresolved = fact({ actorPersonId: null, edges: [edge('up')] });
      const before = await countFacts(store.db);
      await recordLabeledBatch(store.db, {
        groupId: 'g-rules',
        offsets: [],
        facts: [
          // two 'up' edges and one 'down': once under up, once under down
          fact({ actorPersonId: actor, edges: [edge('up'), edge('up', { distance: 2 }), edge('down')] }),
          // a broadcast edge counts under 'broadcast', whatever its direction says
          fact({
            actorPersonId: actor,
            edges: [edge('lateral', { broadcast: true, targetPersonId: null, audienceSize: 250 })],
          }),
          // no edges: 'none'; null initiative is ''
          fact({ actorPersonId: actor, mode: 'neutral', initiative: null, edges: [] }),
          // 23:30 at UTC-2 is the next UTC day; another source is another row
          fact({
            actorPersonId: actor,
            occurredAt: '2024-05-01T23:30:00-02:00',
            source: 'github',
            edges: [edge('up')],
          }),
          fact({ actorPersonId: actor, mode: 'push', initiative: 'responsive', edges: [edge('up')] }),
          unresolved,
        ],
      });
      expect(await rollupOf(store, actor)).toEqual([
        {
          day: '2024-05-01',
          direction: 'broadcast',
          mode: 'push',
          initiative: 'proactive',
          source: 'slack',
          events: 1,
        },
        {
          day: '2024-05-01',
          direction: 'down',
          mode: 'push',
          initiative: 'proactive',
          source: 'slack',
          events: 1,
        },
        { day: '2024-05-01', direction: 'none', mode: 'neutral', initiative: '', source: 'slack', events: 1 },
        {
          day: '2024-05-01',
          direction: 'up',
          mode: 'push',
          initiative: 'proactive',
          source: 'slack',
          events: 1,
        },
        {
          day: '2024-05-01',
          direction: 'up',
          mode: 'push',
          initiative: 'responsive',
          source: 'slack',
          events: 1,
        },
        {
          day: '2024-05-02',
          direction: 'up',
          mode: 'push',
          initiative: 'proactive',
          source: 'github',
          events: 1,
        },
      ]);
      // the unresolved actor's fact and edge are stored, but nobody's rollup grew
      expect(await countFacts(store.db)).toBe(before + 6);
      const stored = await store.db
        .selectFrom('edge_fact')
        .select('direction')
        .where('event_id', '=', unresolved.eventId)
        .execute();
      expect(stored).toEqual([{ direction: 'up' }]);
      const persons = await queryPersonCounts(store.db, { from: '2024-05-01', to: '2024-05-03' });
      const mine = persons.find((p) => p.personId === actor);
      expect(mine?.counts).toEqual({
        up: { push: 3, pull: 0, neutral: 0, proactivePush: 2, responsivePush: 1 },
        down: { push: 1, pull: 0, neutral: 0, proactivePush: 1, responsivePush: 0 },
        broadcast: { push: 1, pull: 0, neutral: 0, proactivePush: 1, responsivePush: 0 },
        none: { push: 0, pull: 0, neutral: 1, proactivePush: 0, responsivePush: 0 },
      });
    });

    it("keeps each fact's rollup directions with it: written and replaced with its edges, filled by migration 0011, derived from edge_fact where a writer left them out", async () => {
      const actor = 'p:directions@acme.io';
      const many = fact({
        actorPersonId: actor,
        edges: [
          edge('up'),
          edge('up', { distance: 2 }),
          edge('peer'),
          edge('lateral', { broadcast: true, targetPersonId: null, audienceSize: 40 }),
        ],
      });
      const none = fact({ actorPersonId: actor, edges: [] });
      const nobody = fact({ actorPersonId: null, edges: [edge('down')] });
      const ids = [many.eventId, none.eventId, nobody.eventId];
      const directions = async () =>
        Object.fromEntries(
          (
            await store.db
              .selectFrom('labeled_fact')
              .select(['event_id', 'rollup_directions'])
              .where('event_id', 'in', ids)
              .execute()
          ).map((r) => [r.event_id, r.rollup_directions]),
        );
      await recordLabeledBatch(store.db, {
        groupId: 'g-directions',
        offsets: [],
        facts: [many, none, nobody],
      });
      expect(await directions()).toEqual({
        [many.eventId]: ['broadcast', 'peer', 'up'],
        [none.eventId]: ['none'],
        [nobody.eventId]: ['down'],
      });

      // replaced with other edges: the directions follow them, and so do the rollups
      await replaceFacts(store.db, [
        { ...many, edges: [edge('down')] },
        { ...none, edges: [edge('external'), edge('external', { distance: 3 })] },
      ]);
      expect(await directions()).toEqual({
        [many.eventId]: ['down'],
        [none.eventId]: ['external'],
        [nobody.eventId]: ['down'],
      });
      const counted = [
        {
          day: '2024-05-01',
          direction: 'down',
          mode: 'push',
          initiative: 'proactive',
          source: 'slack',
          events: 1,
        },
        {
          day: '2024-05-01',
          direction: 'external',
          mode: 'push',
          initiative: 'proactive',
          source: 'slack',
          events: 1,
        },
      ];
      expect(await rollupOf(store, actor)).toEqual(counted);

      // the migration fills every stored fact's directions from its edges, as the writers did
      const all = async (db: Kysely<DB>) =>
        (
          await sql<{ event_id: string; rollup_directions: string[] | null }>`
            select event_id, rollup_directions from labeled_fact order by event_id`.execute(db)
        ).rows;
      const written = await all(store.db);
      expect(written.length).toBeGreaterThan(3);
      expect(written.filter((r) => r.rollup_directions === null)).toEqual([]);
      const undo = new Error('undo');
      await expect(
        store.db.transaction().execute(async (tx) => {
          await factRollupDirectionsMigration.down?.(tx as unknown as Kysely<unknown>);
          await factRollupDirectionsMigration.up(tx as unknown as Kysely<unknown>);
          expect(await all(tx)).toEqual(written);
          throw undo;
        }),
      ).rejects.toBe(undo);

      // a fact stored without directions (another writer) counts by its edges
      await sql`update labeled_fact set rollup_directions = null where event_id = any(${ids}::text[])`.execute(
        store.db,
      );
      await store.db
        .transaction()
        .execute((tx) => rederiveRollups(tx, [{ personId: actor, day: '2024-05-01' }]));
      expect(await rollupOf(store, actor)).toEqual(counted);
      const moved = await readRollupRows(store.db, factsWithIds(ids));
      expect(moved).toEqual({
        rows: counted.map((r) => ({ person_id: actor, ...r })),
        missing: 0,
      });
    });

    it('stores a fact faithfully (labels, reasons, metadata; no text)', async () => {
      const f = fact({
        actorPersonId: 'p:faithful@acme.io',
        reasons: ['question-sentence', 'request-for-information'],
        url: 'https://example.com/x',
        confidence: 0.82,
      });
      await recordLabeledBatch(store.db, { groupId: 'g-faithful', offsets: [], facts: [f] });
      const row = await store.db
        .selectFrom('labeled_fact')
        .selectAll()
        .where('event_id', '=', f.eventId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        source: 'slack',
        type: 'slack.message.posted',
        mode: 'push',
        initiative: 'proactive',
        confidence: 0.82,
        reasons: ['question-sentence', 'request-for-information'],
        classifier_version: '1.0.0',
        url: 'https://example.com/x',
      });
      expect(row.occurred_at).toBeInstanceOf(Date);
      expect((row.occurred_at as Date).toISOString()).toBe('2024-05-01T10:00:00.000Z');
    });

    it('handles a batch of 2000 facts with 3 edges each (one statement: no bind-parameter limit)', async () => {
      const actor = 'p:bulk@acme.io';
      const directions = ['up', 'down', 'peer', 'lateral', 'external'];
      const facts = Array.from({ length: 2000 }, (_, i) =>
        fact({
          actorPersonId: actor,
          occurredAt: `2024-06-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`,
          edges: [0, 1, 2].map((j) => edge(directions[(i + j) % directions.length]!)),
        }),
      );
      const result = await recordLabeledBatch(store.db, {
        groupId: 'g-bulk',
        facts,
        offsets: [{ topic: 'labeled', partition: 1, nextOffset: '2000' }],
      });
      expect(result).toEqual({ inserted: 2000, duplicates: 0 });
      const rows = await rollupOf(store, actor);
      expect(rows.reduce((n, r) => n + r.events, 0)).toBe(6000);
      const edges = await store.db
        .selectFrom('edge_fact')
        .innerJoin('labeled_fact', 'labeled_fact.event_id', 'edge_fact.event_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('labeled_fact.actor_person_id', '=', actor)
        .executeTakeFirstOrThrow();
      expect(edges.n).toBe(6000);
    });

    it('never double counts when batches with overlapping events race', async () => {
      const actor = 'p:race@acme.io';
      const facts = Array.from({ length: 60 }, () => fact({ actorPersonId: actor, edges: [edge('down')] }));
      const batches = [facts.slice(0, 40), facts.slice(20, 60), [...facts].reverse(), facts.slice(10, 30)];
      const results = await Promise.all(
        batches.map((b, i) =>
          recordLabeledBatch(store.db, {
            groupId: 'g-race',
            facts: b,
            offsets: [{ topic: 'labeled', partition: i, nextOffset: String(b.length) }],
          }),
        ),
      );
      expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(60);
      expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(40 + 40 + 60 + 20 - 60);
      expect(await rollupOf(store, actor)).toEqual([
        {
          day: '2024-05-01',
          direction: 'down',
          mode: 'push',
          initiative: 'proactive',
          source: 'slack',
          events: 60,
        },
      ]);
      expect((await readOffsets(store.db, 'g-race', 'labeled')).size).toBe(4);
    });

    it('lists leaders as of a date (history decides the manager) with counts in [from, to)', async () => {
      await replaceOrgChart(store.db, [
        person('ceo@org.io', null),
        person('old@org.io', 'ceo@org.io'),
        person('new@org.io', 'ceo@org.io'),
        person('dev@org.io', 'old@org.io'),
        person('dev@org.io', 'new@org.io', '2024-03-01'),
        person('dev2@org.io', 'old@org.io'),
        person('late@org.io', 'new@org.io', '2024-06-01'), // not in the org before June
      ]);
      await recordLabeledBatch(store.db, {
        groupId: 'g-leaders',
        offsets: [],
        facts: [
          fact({
            actorPersonId: 'p:new@org.io',
            occurredAt: '2024-03-31T23:59:59Z',
            mode: 'pull',
            initiative: null,
            edges: [edge('down')],
          }),
          fact({ actorPersonId: 'p:new@org.io', occurredAt: '2024-03-01T00:00:00Z', edges: [edge('up')] }),
          // on `to`: excluded; before `from`: excluded
          fact({
            actorPersonId: 'p:new@org.io',
            occurredAt: '2024-04-01T00:00:00Z',
            mode: 'pull',
            initiative: null,
            edges: [edge('down')],
          }),
          fact({
            actorPersonId: 'p:new@org.io',
            occurredAt: '2024-02-29T23:59:59Z',
            mode: 'pull',
            initiative: null,
            edges: [edge('down')],
          }),
          fact({
            actorPersonId: 'p:ceo@org.io',
            occurredAt: '2024-03-15T09:00:00Z',
            mode: 'push',
            initiative: 'responsive',
            edges: [edge('down')],
          }),
        ],
      });
      const range = { from: '2024-03-01', to: '2024-04-01' };
      const inFebruary = await queryLeaderCounts(store.db, { ...range, asOf: '2024-02-15' });
      expect(inFebruary.map((l) => [l.email, l.reports])).toEqual([
        ['ceo@org.io', 2],
        ['old@org.io', 2],
      ]);
      const inMarch = await queryLeaderCounts(store.db, { ...range, asOf: '2024-03-01' });
      expect(inMarch).toEqual([
        {
          personId: 'p:ceo@org.io',
          email: 'ceo@org.io',
          name: 'ceo',
          reports: 2,
          counts: { down: { push: 1, pull: 0, neutral: 0, proactivePush: 0, responsivePush: 1 } },
        },
        {
          personId: 'p:new@org.io',
          email: 'new@org.io',
          name: 'new',
          reports: 1,
          counts: {
            down: { push: 0, pull: 1, neutral: 0, proactivePush: 0, responsivePush: 0 },
            up: { push: 1, pull: 0, neutral: 0, proactivePush: 1, responsivePush: 0 },
          },
        },
        // a leader without activity is listed with empty counts
        { personId: 'p:old@org.io', email: 'old@org.io', name: 'old', reports: 1, counts: {} },
      ]);
      const inJune = await queryLeaderCounts(store.db, { ...range, asOf: '2024-06-01' });
      expect(inJune.find((l) => l.email === 'new@org.io')?.reports).toBe(2);
      await expectCode(
        queryLeaderCounts(store.db, { from: '2024-3-1', to: '2024-04-01' }),
        'STORE_INVALID_ARGUMENT',
      );
    });

    it('keeps users and settings', async () => {
      expect(await findUser(store.db, 'nobody')).toBeNull();
      await upsertUser(store.db, {
        username: 'lea',
        passwordHash: 'scrypt$1',
        role: 'leader',
        personId: 'p:lea@acme.io',
      });
      await upsertUser(store.db, {
        username: 'lea',
        passwordHash: 'scrypt$2',
        role: 'analyst',
        personId: null,
      });
      const lea = await findUser(store.db, 'lea');
      expect(lea).toMatchObject({
        username: 'lea',
        password_hash: 'scrypt$2',
        role: 'analyst',
        person_id: null,
      });
      expect(lea?.created_at).toBeInstanceOf(Date);
      await expect(
        upsertUser(store.db, { username: 'x', passwordHash: 'h', role: 'superuser', personId: null }),
      ).rejects.toThrow();
      expect(await getSetting(store.db, 'contract.missing')).toBeNull();
      await setSetting(store.db, 'contract.key', 'one');
      await setSetting(store.db, 'contract.key', 'two');
      expect(await getSetting(store.db, 'contract.key')).toBe('two');
    });

    it('keeps connector cursors per source and scope', async () => {
      expect(await getCursor(store.db, 'github', 'acme/api')).toBeNull();
      await setCursor(store.db, 'github', 'acme/api', '2024-05-01T00:00:00Z');
      await setCursor(store.db, 'github', 'acme/web', 'w1');
      await setCursor(store.db, 'github', 'acme/api', '2024-05-02T00:00:00Z');
      expect(await getCursor(store.db, 'github', 'acme/api')).toBe('2024-05-02T00:00:00Z');
      expect(await getCursor(store.db, 'github', 'acme/web')).toBe('w1');
      expect(await getCursor(store.db, 'slack', 'acme/api')).toBeNull();
    });

    it('remembers conversation pulls and finds them for a batch of conversations', async () => {
      const pull = (conversationId: string, eventId: string, at: string, pulledKeys: string[]) => ({
        conversationId,
        eventId,
        pullerKey: 'p:boss@acme.io',
        pulledKeys,
        at,
      });
      const pulls = [
        pull('c:1', 'e2', '2024-05-01T10:05:00.000Z', ['p:ada@acme.io', 'email:x@client.com']),
        pull('c:1', 'e1', '2024-05-01T10:00:00.000Z', ['p:ada@acme.io']),
        pull('c:2', 'e3', '2024-05-02T08:00:00.000Z', []), // addressed to nobody in particular
        pull('c:3', 'e4', '2024-05-02T08:00:00.000Z', ['p:lea@acme.io']),
        { ...pull('c:2', 'e5', '2024-05-02T09:00:00.000Z', ['p:kim@acme.io']), kind: 'directive' as const },
      ];
      expect(await recordPulls(store.db, pulls)).toBe(6);
      expect(await recordPulls(store.db, pulls.slice(0, 2))).toBe(0);
      expect(await findPulls(store.db, ['c:2', 'c:1', 'c:none', 'c:1'])).toEqual([
        pulls[1],
        { ...pulls[0], pulledKeys: ['email:x@client.com', 'p:ada@acme.io'] },
        pulls[2],
        pulls[4], // a directive stays a directive after a restart
      ]);
      expect(await findPulls(store.db, [])).toEqual([]);
      // The same pulls with the org version, in one statement (the classifier's per-batch read).
      const orgVersion = await readOrgVersion(store.db);
      expect(await findPullsAtOrgVersion(store.db, ['c:2', 'c:1', 'c:none', 'c:1'])).toEqual({
        orgVersion,
        pulls: await findPulls(store.db, ['c:1', 'c:2']),
      });
      expect(await findPullsAtOrgVersion(store.db, ['c:none'])).toEqual({ orgVersion, pulls: [] });
      expect(await findPullsAtOrgVersion(store.db, [])).toEqual({ orgVersion, pulls: [] });
      await setSetting(store.db, 'org.version', 'contract-version');
      expect((await findPullsAtOrgVersion(store.db, ['c:3'])).orgVersion).toBe('contract-version');
    });

    it('keeps each conversation trail as its latest batch left it, and deletes those naming a person', async () => {
      const state = (events: number, lastAuthorKey: string) => ({
        events,
        openerKey: 'p:ana@acme.io',
        authorKeys: ['p:ana@acme.io', lastAuthorKey],
        lastEventId: `t-e${events}`,
        lastAuthorKey,
        lastMode: 'pull' as const,
        lastAsked: true,
      });
      const trail = (conversationId: string, events: number, author: string, firstOffset: string) => ({
        conversationId,
        trail: state(events, author),
        before: events > 1 ? state(events - 1, author) : null,
        partition: 1,
        firstOffset,
        lastOffset: String(BigInt(firstOffset) + 9n),
        lastAt: '2024-05-01T10:00:00.000Z',
      });
      await recordTrails(store.db, [
        trail('t:2', 1, 'p:bo@acme.io', '0'),
        trail('t:1', 2, 'p:bo@acme.io', '0'),
      ]);
      // A later batch replaces a conversation's row; offsets beyond 2^53 come back exactly.
      const later = trail('t:1', 4, 'p:cy@acme.io', '9007199254740993');
      await recordTrails(store.db, [later]);
      expect(await findTrails(store.db, ['t:2', 't:1', 't:none', 't:1'])).toEqual([
        later,
        trail('t:2', 1, 'p:bo@acme.io', '0'),
      ]);
      expect(await findTrails(store.db, [])).toEqual([]);
      // An erasure removes every trail that names the person (in either state) or ends at one of their events.
      expect(await deleteTrailsOf(store.db, ['p:bo@acme.io'], [])).toBe(1);
      expect(await deleteTrailsOf(store.db, ['p:nobody@acme.io'], ['t-e4'])).toBe(1);
      expect(await findTrails(store.db, ['t:1', 't:2'])).toEqual([]);
    });

    it('lists ambiguous identities with their sightings, adding up repeated ones', async () => {
      const identity = { email: 'ada@acme.io', slack_id: 'U0BOB' };
      const conflict = {
        identityKey: 'email=ada@acme.io slack_id=U0BOB',
        identity,
        personIds: ['p:ada@acme.io', 'p:bob@acme.io'],
        events: 2,
      };
      await recordIdentityConflicts(store.db, [{ ...conflict, seenAt: '2024-05-02T08:00:00.000Z' }]);
      await recordIdentityConflicts(store.db, [
        { ...conflict, events: 3, seenAt: '2024-05-01T08:00:00.000Z' },
        {
          identityKey: 'github_login=cat slack_id=U0DAN',
          identity: { github_login: 'cat', slack_id: 'U0DAN' },
          personIds: ['p:cat@acme.io', 'p:dan@acme.io'],
          events: 1,
          seenAt: '2024-05-03T08:00:00.000Z',
        },
      ]);
      const listed = await listIdentityConflicts(store.db);
      expect(listed.map((c) => [c.identityKey, c.events])).toEqual([
        ['email=ada@acme.io slack_id=U0BOB', 5],
        ['github_login=cat slack_id=U0DAN', 1],
      ]);
      expect(listed[0]).toMatchObject({ identity, personIds: conflict.personIds });
      expect(Date.parse(listed[0]!.firstSeen)).toBe(Date.parse('2024-05-01T08:00:00.000Z'));
      expect(Date.parse(listed[0]!.lastSeen)).toBe(Date.parse('2024-05-02T08:00:00.000Z'));
    });

    it("returns date columns as 'YYYY-MM-DD' strings and counts as numbers", async () => {
      await replaceOrgChart(store.db, [person('dated@acme.io', null, '2024-02-29')]);
      await recordLabeledBatch(store.db, {
        groupId: 'g-dates',
        offsets: [],
        facts: [fact({ actorPersonId: 'p:dated@acme.io', occurredAt: '2024-02-29T12:00:00Z' })],
      });
      const org = await store.db.selectFrom('org_person').select('valid_from').executeTakeFirstOrThrow();
      expect(org.valid_from).toBe('2024-02-29');
      const day = await store.db
        .selectFrom('rollup_daily')
        .select('day')
        .where('person_id', '=', 'p:dated@acme.io')
        .executeTakeFirstOrThrow();
      expect(day.day).toBe('2024-02-29');
      const raw = await sql<{ d: unknown; n: unknown; s: unknown; big: unknown }>`
        select date '1999-12-31' as d, count(*) as n, sum(events) as s, 9007199254740993::bigint as big
        from rollup_daily`.execute(store.db);
      const first = raw.rows[0];
      expect(first?.d).toBe('1999-12-31');
      expect(typeof first?.n).toBe('number');
      expect(typeof first?.s).toBe('number');
      expect(first?.big).toBe('9007199254740993'); // beyond 2^53 it stays exact text
    });
  });
}
