import { ANALYST_ROLE, openStore, type Store } from '@pushpull/store';
import { createScratchDatabase, type ScratchDatabase } from '@pushpull/store/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Finding 10 of issue 14: `pushpull_analyst` is one role for the whole server, and every pushpull
// database grants it its analytics views while Postgres lets PUBLIC connect to any database. One
// analyst login, made for database A, read database B too. Replayed with two scratch databases.

const baseUrl = process.env.DATABASE_URL;

describe.skipIf(!baseUrl)('finding 10: an analyst login of one database', { timeout: 120_000 }, () => {
  const login = `pushpull_t_sec_analyst_${process.pid}_${Date.now().toString(36)}`;
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  let a: ScratchDatabase;
  let b: ScratchDatabase;
  let storeA: Store;
  let storeB: Store;

  const asAnalyst = (url: string) => {
    const u = new URL(url);
    u.username = login;
    u.password = password;
    return new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 5000 });
  };
  async function onServer(statement: string): Promise<void> {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    a = await createScratchDatabase(baseUrl ?? '');
    b = await createScratchDatabase(baseUrl ?? '');
    storeA = await openStore({ databaseUrl: a.url, dataDir: '/nonexistent', poolSize: 1 });
    storeB = await openStore({ databaseUrl: b.url, dataDir: '/nonexistent', poolSize: 1 });
    // What an admin of database A does for an analyst of A (docs/analytics.md).
    await onServer(`create role ${login} login password '${password}' in role ${ANALYST_ROLE}`);
    await onServer(`grant connect on database "${new URL(a.url).pathname.slice(1)}" to ${login}`);
  }, 120_000);

  afterAll(async () => {
    await storeA?.close();
    await storeB?.close();
    await a?.drop();
    await b?.drop();
    await onServer(`drop role if exists ${login}`).catch(() => {});
  }, 120_000);

  it('reads the analytics of the database it was granted', async () => {
    const client = asAnalyst(a.url);
    await client.connect();
    try {
      const { rows } = await client.query('select count(*)::int as n from analytics.person');
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await client.end();
    }
  });

  it('cannot connect to another pushpull database of the same server', async () => {
    const client = asAnalyst(b.url);
    const outcome = await client.connect().then(
      async () => {
        const { rows } = await client.query('select count(*)::int as n from analytics.person');
        return `connected, read ${rows[0].n} people`;
      },
      (err: Error) => err.message,
    );
    await client.end().catch(() => {});
    expect(outcome).toMatch(/permission denied for database/);
  });
});
