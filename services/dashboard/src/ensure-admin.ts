import { findUser, type Store, upsertUser } from '@pushpull/store';
import { generatePassword, hashPassword, verifyPassword } from './password-hash';

/**
 * Makes sure the `admin` user exists. With `PUSHPULL_ADMIN_PASSWORD` its hash is set to that
 * password; without it, a password is generated on the first start only and returned so the
 * caller prints it once. Returns null when nothing needs printing.
 *
 * @example const created = await ensureAdmin(store, config.adminPassword); if (created) print(created);
 */
export async function ensureAdmin(store: Store, adminPassword: string | undefined): Promise<string | null> {
  const existing = await findUser(store.db, 'admin');
  if (adminPassword) {
    if (!existing || !(await verifyPassword(adminPassword, existing.password_hash))) {
      await upsertUser(store.db, {
        username: 'admin',
        passwordHash: await hashPassword(adminPassword),
        role: 'admin',
        personId: null,
      });
    }
    return null;
  }
  if (existing) return null;
  const generated = generatePassword();
  await upsertUser(store.db, {
    username: 'admin',
    passwordHash: await hashPassword(generated),
    role: 'admin',
    personId: null,
  });
  return generated;
}
