import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { openStore } from './open-store';
import { pgliteStores } from './testing/make-store';
import { describeStoreContract } from './testing/store-contract';
import { getSetting, setSetting } from './user-repository';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'pushpull-store-'));
}

describeStoreContract('PGlite', pgliteStores('pushpull-store-'));

describe('PGlite store on disk', { timeout: 120_000 }, () => {
  it('persists under dataDir/pglite and reopens without migrating again', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    try {
      const first = await openStore({ dataDir: dir });
      expect(first.kind).toBe('pglite');
      await setSetting(first.db, 'persisted', 'yes');
      await first.close();
      await first.close(); // closing twice is harmless

      const second = await openStore({ dataDir: dir });
      try {
        expect(await getSetting(second.db, 'persisted')).toBe('yes');
        const applied = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
          second.db,
        );
        expect(Number(applied.rows[0]?.n)).toBe(Object.keys(migrations).length);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });
});
