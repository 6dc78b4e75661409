import { createHmac, randomBytes } from 'node:crypto';
import { getSetting, type Store, setSetting } from '@pushpull/store';

const KEY_SETTING = 'dashboard.pseudonym-key';

/** Maps person ids to stable pseudonyms ('leader-3fa9c2d1') with a per-installation secret key. */
export type Pseudonymiser = (personId: string) => string;

/**
 * The installation's pseudonymiser: HMAC-SHA256 of the person id under a random key kept in the
 * `setting` table (created on first use), so pseudonyms stay stable across restarts but cannot be
 * recomputed from emails without the key.
 *
 * @example const alias = await pseudonymiser(store); alias('p:lea@acme.io') // 'leader-3fa9c2d1'
 */
export async function pseudonymiser(store: Store): Promise<Pseudonymiser> {
  let key = await getSetting(store.db, KEY_SETTING);
  if (!key) {
    await setSetting(store.db, KEY_SETTING, randomBytes(32).toString('base64url'));
    key = await getSetting(store.db, KEY_SETTING);
  }
  const secret = key ?? '';
  return (personId) => `leader-${createHmac('sha256', secret).update(personId).digest('hex').slice(0, 8)}`;
}
