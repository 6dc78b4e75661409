import {
  chmodSync,
  chownSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findUser, migratedTemplatePath, openStore, upsertUser } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Finding 3 of issue 14: new PGlite data folders were filled from a template in the shared temp
// folder, trusted as found. A local user who planted a migrated cluster holding an admin of their own
// there became admin of every embedded pushpull created afterwards. The attack is replayed in a temp
// folder of its own (TMPDIR points there), at the old shared place and at the per-user place of the
// fix, loosened or owned by someone else. Templates are now cluster folders (copied, not unpacked):
// the attacker plants their migrated data folder under the name the victim looks for.

describe('finding 3: a planted PGlite template', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pushpull-sec-template-'));
  const sharedTmp = path.join(root, 'tmp'); // stands for /tmp, which every local user may write
  const savedTmpdir = process.env.TMPDIR;
  const attackerCluster = path.join(root, 'attacker', 'pglite');
  const uid = process.getuid?.() ?? 0;
  const templateName = () => path.basename(migratedTemplatePath());

  beforeAll(async () => {
    // The attacker: a migrated store with an admin whose password they know, to plant as a template.
    const attacker = await openStore({ dataDir: path.join(root, 'attacker') });
    await upsertUser(attacker.db, {
      username: 'mallory',
      passwordHash: 'scrypt$known-to-mallory',
      role: 'admin',
      personId: null,
    });
    await attacker.close();
    mkdirSync(sharedTmp, { mode: 0o1777 });
    chmodSync(sharedTmp, 0o1777);
    process.env.TMPDIR = sharedTmp;
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
    const cluster = path.join(folder, templateName());
    cpSync(attackerCluster, cluster, { recursive: true });
    chmodSync(folder, mode);
    chmodSync(cluster, 0o755);
    if (owner !== uid) {
      chownTree(cluster, owner);
      chownSync(folder, owner, owner);
    }
  }

  function chownTree(p: string, owner: number): void {
    chownSync(p, owner, owner);
    if (lstatSync(p).isDirectory()) for (const name of readdirSync(p)) chownTree(path.join(p, name), owner);
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
