import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { findUser, openStore, upsertUser } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Finding 3 of issue 14: new PGlite data folders were filled from a template in the shared temp
// folder, trusted as found. A local user who planted a migrated cluster holding an admin of their own
// there became admin of every embedded pushpull created afterwards. The attack is replayed in a temp
// folder of its own (TMPDIR points there), at the old shared place and at the per-user place of the
// fix, loosened or owned by someone else.

const pgliteVersion = (): string => {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  return JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')).version;
};

describe('finding 3: a planted PGlite template', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pushpull-sec-template-'));
  const sharedTmp = path.join(root, 'tmp'); // stands for /tmp, which every local user may write
  const savedTmpdir = process.env.TMPDIR;
  let planted: Buffer;
  const uid = process.getuid?.() ?? 0;
  const templateName = () => `cluster-${pgliteVersion()}.tar.gz`;

  beforeAll(async () => {
    mkdirSync(sharedTmp, { mode: 0o1777 });
    chmodSync(sharedTmp, 0o1777);
    process.env.TMPDIR = sharedTmp;
    // The attacker: a migrated store with an admin whose password they know, dumped as a template.
    const attacker = await openStore({ dataDir: path.join(root, 'attacker') });
    await upsertUser(attacker.db, {
      username: 'mallory',
      passwordHash: 'scrypt$known-to-mallory',
      role: 'admin',
      personId: null,
    });
    await attacker.close();
    const pglite = await PGlite.create(path.join(root, 'attacker', 'pglite'));
    planted = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    await pglite.close();
  }, 120_000);

  afterAll(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    rmSync(root, { recursive: true, force: true });
  });

  async function victimHasMallory(name: string): Promise<boolean> {
    const victim = await openStore({ dataDir: path.join(root, name), warn: () => {} });
    try {
      return (await findUser(victim.db, 'mallory')) !== null;
    } finally {
      await victim.close();
    }
  }

  function plant(folder: string, mode: number, owner: number): void {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, templateName()), planted);
    chmodSync(folder, mode);
    chmodSync(path.join(folder, templateName()), 0o644);
    if (owner !== uid) {
      chownSync(path.join(folder, templateName()), owner, owner);
      chownSync(folder, owner, owner);
    }
  }

  it('ignores a template planted at the old shared place, /tmp/pushpull-pglite', async () => {
    plant(path.join(sharedTmp, 'pushpull-pglite'), 0o777, uid);
    expect(await victimHasMallory('victim-shared')).toBe(false);
  }, 120_000);

  it('ignores a template in a per-user folder that others may write', async () => {
    plant(path.join(sharedTmp, `pushpull-pglite-${uid}`), 0o777, uid);
    expect(await victimHasMallory('victim-loose')).toBe(false);
  }, 120_000);

  it.runIf(uid === 0)(
    'ignores a template in a per-user folder owned by another user',
    async () => {
      plant(path.join(sharedTmp, `pushpull-pglite-${uid}`), 0o700, 65534);
      expect(await victimHasMallory('victim-foreign')).toBe(false);
    },
    120_000,
  );
});
