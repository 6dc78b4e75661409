import { PushpullError } from '@pushpull/core';
import { queryOrgAsOf, removeUser, type Store, upsertUser } from '@pushpull/store';
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

/** What `saveUser` writes: a user whose password is already hashed. */
export interface SaveUserInput {
  username: string;
  passwordHash: string;
  role: string;
  personEmail?: string | null | undefined;
}

const invalid = (username: string, message: string) =>
  new PushpullError('USER_INVALID', message, { username });

/**
 * Checks what can be checked without the store: the username's characters, the role, the password's length
 * and that a leader names a person. Throws PushpullError `USER_INVALID` naming what is wrong.
 *
 * @example checkUserInput({ username: 'lea', password: 'long passphrase', role: 'leader', personEmail: 'lea@acme.io' });
 */
export function checkUserInput(input: AddUserInput): void {
  const bad = (message: string) => invalid(input.username, message);
  if (!/^[\w.@+-]{1,100}$/.test(input.username)) {
    throw bad(`username "${input.username}": use 1–100 letters, digits or . _ @ + -`);
  }
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw bad(`role "${input.role}": choose from ${ROLES.join(', ')}`);
  }
  if (input.password.length < 10) throw bad('password: at least 10 characters');
  if (input.role === 'leader' && !input.personEmail) {
    throw bad('a leader needs --person EMAIL (the person in the org chart they are)');
  }
}

/**
 * Writes a user whose password is already hashed (creating them, or replacing their password, role and person),
 * resolving `personEmail` against the current org chart. A leader must be a person of the chart.
 * Throws PushpullError `USER_INVALID` naming what is wrong.
 *
 * @example await saveUser(store, { username: 'ana', passwordHash, role: 'analyst' });
 */
export async function saveUser(store: Store, input: SaveUserInput): Promise<{ personId: string | null }> {
  const bad = (message: string) => invalid(input.username, message);
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw bad(`role "${input.role}": choose from ${ROLES.join(', ')}`);
  }
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
    passwordHash: input.passwordHash,
    role: input.role,
    personId,
  });
  return { personId };
}

/**
 * Creates a dashboard user or replaces their password, role and person (scrypt hash; the password
 * itself is never stored). A leader must be a person of the current org chart. The change reaches the
 * user's live sessions and Basic clients on their next request.
 * Throws PushpullError `USER_INVALID` naming what is wrong.
 *
 * @example await addUser(store, { username: 'lea', password: 'long passphrase', role: 'leader', personEmail: 'lea@acme.io' });
 */
export async function addUser(store: Store, input: AddUserInput): Promise<{ personId: string | null }> {
  checkUserInput(input);
  return saveUser(store, {
    username: input.username,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    personEmail: input.personEmail,
  });
}

/**
 * Removes a dashboard user: their sessions and Basic clients are refused from the next request on.
 * Throws PushpullError `USER_NOT_FOUND` when there is no such user.
 *
 * @example await deleteUser(store, 'ana');
 */
export async function deleteUser(store: Store, username: string): Promise<void> {
  if (!(await removeUser(store.db, username))) {
    throw new PushpullError('USER_NOT_FOUND', `no user "${username}"`, { username });
  }
}
