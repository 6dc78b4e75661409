import { type GraphDouble, graphDoubleEnv, startGraphDouble } from '@pushpull/api-doubles/graph';
import { openStore, type Store } from '@pushpull/store';
import { createScratchDatabase, type ScratchDatabase } from '@pushpull/store/testing';
import { requireServices } from '@pushpull/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, type SpawnedProcess, spawnEntry, waitFor } from '../support/spawn-service';

/*
 * The scheduled Outlook sync: `pushpull serve --only connectors,classifier,aggregator` in a child
 * process (which trusts the Graph double's throwaway certificate through NODE_EXTRA_CA_CERTS, read
 * at start) on the embedded bus and a scratch Postgres database, with Graph configured. The
 * connector worker's `source.sync` job runs at start; its events go through the classifier and the
 * aggregator into Postgres, and the Graph org chart into org_person.
 */

const env = requireServices('scheduled Outlook sync into Postgres', ['DATABASE_URL']);

describe.skipIf(!env)('scheduled Outlook sync (pushpull serve)', () => {
  let graph: GraphDouble;
  let scratch: ScratchDatabase;
  let store: Store;
  let serve: SpawnedProcess;

  beforeAll(async () => {
    graph = await startGraphDouble();
    scratch = await createScratchDatabase(env!.DATABASE_URL);
    store = await openStore({ databaseUrl: scratch.url, dataDir: '' });
  }, 60_000);

  afterAll(async () => {
    if (serve && serve.child.exitCode === null) serve.child.kill();
    await store?.close();
    await scratch?.drop();
    await graph?.close();
  });

  it('syncs mail, meetings and the org chart through the pipeline into Postgres', async () => {
    serve = spawnEntry(CLI_BIN, ['serve', '--only', 'connectors,classifier,aggregator'], {
      DATABASE_URL: scratch.url,
      ...graphDoubleEnv(graph),
      PUSHPULL_SYNC_SINCE: '2017-01-01',
    });
    const outlookFacts = async () =>
      Number(
        (
          await store.db
            .selectFrom('labeled_fact')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('source', '=', 'outlook')
            .executeTakeFirst()
        )?.n ?? 0,
      );
    // 13 mails sent by their own mailbox and 3 organised meetings in the seed (see outlook-sync.test.ts,
    // which counts them from the seed).
    await waitFor(
      'the scheduled Outlook sync to reach Postgres',
      async () => {
        if (serve.child.exitCode !== null)
          throw new Error(`serve exited ${serve.child.exitCode}: ${serve.stderr()}`);
        return (await outlookFacts()) >= 16;
      },
      150_000,
      500,
    );
    expect(await outlookFacts()).toBe(16);
    const people = await store.db.selectFrom('org_person').select(['email', 'manager_email']).execute();
    expect(new Set(people.map((p) => p.email)).size).toBe(graph.seed.users.filter((u) => u.mail).length);
    expect(people.some((p) => p.manager_email !== null)).toBe(true);
    const links = await store.db
      .selectFrom('account')
      .select('value')
      .where('kind', '=', 'graph_id')
      .where('provenance', '=', 'graph')
      .execute();
    expect(links.length).toBeGreaterThan(0);
    expect(serve.stderr()).not.toContain(graph.seed.app.clientSecret);
  }, 180_000);
});
