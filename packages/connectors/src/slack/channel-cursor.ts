import { z } from 'zod';
import type { SyncCursor } from '../kit/sync-cursor';
import { isSlackTs, slackTsToIso } from './slack-ts';

/**
 * A conversation's history stream (cursor scope `{team}/{channel}`): mark = the newest top-level ts
 * collected, next = the `latest` still to read below in an unfinished pass, children = watched
 * threads (parent ts → newest reply ts collected).
 */
export const SLACK_HISTORY_STREAM = 'history';

/**
 * A conversation's watched-thread stream: new replies to threads of the history's children. Its next
 * is the watched parent ts to read next in an unfinished pass; its mark (the start, as a ts, of the
 * last pass that found new replies) is informational.
 */
export const SLACK_THREADS_STREAM = 'threads';

const TsSchema = z.string().refine(isSlackTs, 'not a Slack ts');

/**
 * The channel cursor stored before the kit's one cursor format (version 1). Read only, to migrate:
 * `oldest` (every top-level message with ts ≤ oldest collected), a history pass in progress
 * (`latest`: still to read below it; `newest`: the newest ts the pass saw), watched threads.
 */
const ChannelCursorV1Schema = z.object({
  v: z.literal(1),
  oldest: TsSchema,
  pass: z.object({ latest: TsSchema, newest: TsSchema.nullable() }).nullable().default(null),
  threads: z.record(z.string(), TsSchema).default({}),
});

/**
 * Migrates a version-1 channel cursor to the kit's format: `oldest` → the history stream's mark, the
 * pass's `latest` → its next, `newest` → the pass's newest, watched threads → the stream's children.
 * Null when `stored` is not a version-1 channel cursor.
 *
 * @example migrateChannelCursorV1({ v: 1, oldest: '1459332000.000101' })?.streams.history?.mark // '1459332000.000101'
 */
export function migrateChannelCursorV1(stored: unknown): SyncCursor | null {
  const r = ChannelCursorV1Schema.safeParse(stored);
  if (!r.success) return null;
  const old = r.data;
  return {
    v: 2,
    streams: {
      [SLACK_HISTORY_STREAM]: {
        mark: old.oldest,
        next: old.pass?.latest ?? null,
        etag: null,
        origin: null,
        children: old.threads,
      },
    },
    pass: old.pass
      ? {
          // Version 1 did not keep the pass's start; its first window began at `latest`.
          startedAt: slackTsToIso(old.pass.latest),
          stream: SLACK_HISTORY_STREAM,
          changed: [],
          newest: old.pass.newest,
          seen: [],
        }
      : null,
    seen: [],
  };
}
