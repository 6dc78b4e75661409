import { createHmac } from 'node:crypto';
import { installationKey, type Store } from '@pushpull/store';

/** Maps person ids to stable pseudonyms ('leader-3fa9c2d1') with a per-installation secret key. */
export type Pseudonymiser = (personId: string) => string;

/**
 * The installation's pseudonymiser: HMAC-SHA256 of the person id under the installation key
 * (`installationKey` of @pushpull/store, kept in the `setting` table and created on first use), so
 * pseudonyms stay stable across restarts but cannot be recomputed from emails without the key.
 *
 * @example const alias = await pseudonymiser(store); alias('p:lea@acme.io') // 'leader-3fa9c2d1'
 */
export async function pseudonymiser(store: Store): Promise<Pseudonymiser> {
  const secret = await installationKey(store.db);
  return (personId) => `leader-${createHmac('sha256', secret).update(personId).digest('hex').slice(0, 8)}`;
}
