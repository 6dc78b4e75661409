import { randomBytes } from 'node:crypto';
import {
  type FSWatcher,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { isPushpullError, PushpullError } from '@pushpull/core';
import type { Store } from '@pushpull/store';
import { z } from 'zod';
import { deleteUser, saveUser } from './add-user';
import { forgetUserRows } from './user-row-cache';

/** A change of a dashboard login, handed to the process that serves an embedded data folder. */
export const UserChangeSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('put'),
    username: z.string().min(1).max(100),
    passwordHash: z.string().min(1).max(500),
    role: z.string().min(1).max(20),
    personEmail: z.string().max(320).nullable(),
  }),
  z.object({ op: z.literal('remove'), username: z.string().min(1).max(100) }),
]);
export type UserChange = z.infer<typeof UserChangeSchema>;

/** What applying a change gave: the person it is tied to, or the error's code and message. */
export type UserChangeResult =
  | { ok: true; personId: string | null }
  | { ok: false; code: string; message: string };

const SERVING = 'serving.pid';
const CHANGE = '.change.json';
const RESULT = '.result.json';
/** How often a watching server lists the inbox besides its file events. */
const POLL_MS = 1000;

/** The inbox folder of an embedded data folder. */
export function userInboxDir(dataDir: string): string {
  return path.join(dataDir, 'user-changes');
}

/**
 * Hands login changes (`pushpull users add|remove`) to the process that holds an embedded (PGlite) data folder:
 * PGlite is one process's database, and a second process writing to it loses its writes. The serving process
 * `claim`s the inbox; the command `submit`s a change file (0600, in a 0700 folder of its own user) and waits for
 * its result; the server `apply`s every change as soon as it sees the file (a watcher, and a poll each second
 * in case a file event is missed).
 * With Postgres there is no inbox: the command writes `app_user` itself.
 *
 * @example const inbox = new UserInbox(userInboxDir(config.dataDir)); if (inbox.servingPid()) inbox.submit(change);
 */
export class UserInbox {
  private applying: Promise<number> = Promise.resolve(0);
  private watcher: FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;

  constructor(readonly dir: string) {}

  /** Marks this process as the one serving the data folder (see {@link servingPid}). */
  claim(pid: number = process.pid): void {
    this.ensureDir();
    writeFileSync(path.join(this.dir, SERVING), String(pid), { mode: 0o600 });
  }

  /** Drops the mark, when it is this process's. */
  release(pid: number = process.pid): void {
    this.stopWatching();
    try {
      if (readFileSync(path.join(this.dir, SERVING), 'utf8').trim() === String(pid)) {
        rmSync(path.join(this.dir, SERVING), { force: true });
      }
    } catch {
      // no mark
    }
  }

  /** The pid of a live process serving the data folder, or null (no mark, or its process is gone). */
  servingPid(): number | null {
    let pid: number;
    try {
      pid = Number(readFileSync(path.join(this.dir, SERVING), 'utf8').trim());
    } catch {
      return null;
    }
    if (!Number.isInteger(pid) || pid <= 0) return null;
    try {
      process.kill(pid, 0);
      return pid;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
    }
  }

  /** Queues a change for the serving process; returns its id (see {@link takeResult}). */
  submit(change: UserChange): string {
    this.ensureDir();
    const id = `${Date.now().toString().padStart(15, '0')}-${randomBytes(6).toString('hex')}`;
    const partial = path.join(this.dir, `${id}.partial`);
    writeFileSync(partial, JSON.stringify(UserChangeSchema.parse(change)), { mode: 0o600 });
    renameSync(partial, path.join(this.dir, `${id}${CHANGE}`)); // the server never reads half a change
    return id;
  }

  /** The result of change `id` once applied (and forgets it), else null. */
  takeResult(id: string): UserChangeResult | null {
    const file = path.join(this.dir, `${id}${RESULT}`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    rmSync(file, { force: true });
    return JSON.parse(text) as UserChangeResult;
  }

  /**
   * Applies every queued change in order with `handle`, writing each one's result and removing it.
   * Calls run one after the other. Returns how many changes were applied. Refuses (USER_INBOX_UNSAFE) an
   * inbox another user owns or others may write to: whoever writes it could make themselves an admin.
   */
  apply(handle: (change: UserChange) => Promise<UserChangeResult>): Promise<number> {
    const run = async () => {
      let names: string[];
      try {
        names = readdirSync(this.dir).filter((n) => n.endsWith(CHANGE));
      } catch {
        return 0;
      }
      if (names.length === 0) return 0;
      this.checkPrivate();
      names.sort();
      for (const name of names) {
        const file = path.join(this.dir, name);
        let result: UserChangeResult;
        try {
          result = await handle(UserChangeSchema.parse(JSON.parse(readFileSync(file, 'utf8'))));
        } catch (err) {
          result = {
            ok: false,
            code: isPushpullError(err) ? err.code : 'USER_CHANGE_INVALID',
            message: isPushpullError(err) ? err.message : 'the change file could not be read',
          };
        }
        const id = name.slice(0, -CHANGE.length);
        const partial = path.join(this.dir, `${id}.result-partial`);
        writeFileSync(partial, JSON.stringify(result), { mode: 0o600 });
        // renamed whole: the waiting command never reads half a result (it polls for the name)
        renameSync(partial, path.join(this.dir, `${id}${RESULT}`));
        rmSync(file, { force: true });
      }
      return names.length;
    };
    this.applying = this.applying.then(run, run);
    return this.applying;
  }

  /** Applies changes as soon as their files appear (and once now); `onError` hears what failed. */
  watch(handle: (change: UserChange) => Promise<UserChangeResult>, onError: (err: unknown) => void): void {
    this.ensureDir();
    const kick = () => void this.apply(handle).catch(onError);
    this.watcher = watch(this.dir, kick);
    this.watcher.on('error', onError);
    // a file event can be missed (some file systems have none): a cheap listing each second catches those
    this.poll = setInterval(kick, POLL_MS);
    this.poll.unref();
    kick();
  }

  /** Stops {@link watch}. */
  stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.checkPrivate();
  }

  private checkPrivate(): void {
    const st = statSync(this.dir);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
      throw new PushpullError('USER_INBOX_UNSAFE', `${this.dir} belongs to another user; remove it`, {
        dir: this.dir,
      });
    }
    if ((st.mode & 0o022) !== 0) {
      throw new PushpullError(
        'USER_INBOX_UNSAFE',
        `${this.dir} may be written by other users; check its files, then chmod 700 it`,
        { dir: this.dir },
      );
    }
  }
}

/**
 * Applies one login change to the store (the serving process's handler of {@link UserInbox.apply}).
 *
 * @example await inbox.apply((change) => applyUserChange(store, change));
 */
export async function applyUserChange(store: Store, change: UserChange): Promise<UserChangeResult> {
  try {
    return await applyToStore(store, change);
  } finally {
    forgetUserRows(store);
  }
}

async function applyToStore(store: Store, change: UserChange): Promise<UserChangeResult> {
  try {
    if (change.op === 'remove') {
      await deleteUser(store, change.username);
      return { ok: true, personId: null };
    }
    const { personId } = await saveUser(store, change);
    return { ok: true, personId };
  } catch (err) {
    if (isPushpullError(err)) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}
