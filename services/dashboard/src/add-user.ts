import { PushpullError } from '@pushpull/core';
import { queryOrgAsOf, type Store, upsertUser } from '@pushpull/store';
import { hashPassword } from './password-hash';

/** The dashboard roles. */
export const ROLES = ['admin', 'analyst', 'leader'] as const;
export type Role = (typeof ROLES)[number];

/** What `addUser` creates. A leader is tied to a person of the org chart by email. */
export interface AddUserInput {
  username: string;
  password: string;
  role: string;
  /** The person's email (leaders: required; others: optional). */
  personEmail?: string | undefined;
}

/**
 * Creates a dashboard user or replaces their password, role and person (scrypt hash; the password
 * itself is never stored). A leader must be a person of the current org chart.
 * Throws PushpullError `USER_INVALID` naming what is wrong.
 *
 * @example await addUser(store, { username: 'lea', password: 'long passphrase', role: 'leader', personEmail: 'lea@acme.io' });
 */
export async function addUser(store: Store, input: AddUserInput): Promise<{ personId: string | null }> {
  const bad = (message: string) => new PushpullError('USER_INVALID', message, { username: input.username });
  if (!/^[\w.@+-]{1,100}$/.test(input.username)) {
    throw bad(`username "${input.username}": use 1–100 letters, digits or . _ @ + -`);
  }
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw bad(`role "${input.role}": choose from ${ROLES.join(', ')}`);
  }
  if (input.password.length < 10) throw bad('password: at least 10 characters');
  let personId: string | null = null;
  if (input.personEmail) {
    const email = input.personEmail.trim().toLowerCase();
    const person = (await queryOrgAsOf(store.db, new Date().toISOString().slice(0, 10))).find(
      (p) => p.email === email,
    );
    if (!person) throw bad(`--person ${email}: not in the org chart (import it first: pushpull org import)`);
    personId = person.personId;
  } else if (input.role === 'leader') {
    throw bad('a leader needs --person EMAIL (the person in the org chart they are)');
  }
  await upsertUser(store.db, {
    username: input.username,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    personId,
  });
  return { personId };
}
