import { z } from 'zod';

/** The version of the cursor format; older stored cursors are migrated when read. */
export const SYNC_CURSOR_VERSION = 2;

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a timestamp');
const SeenSchema = z.array(z.object({ id: z.string(), at: z.string(), stream: z.string() }));

/** The saved state of one stream of a scope (a repository's issues, a channel's history, a mailbox's Sent Items). */
const StreamStateSchema = z.object({
  /**
   * The watermark of the stream's cursor field: the next pass reads what changed from here on
   * (GitHub: `since`; Slack: the newest message ts collected; Outlook: everything created before it
   * was emitted). Null until a pass has set one.
   */
  mark: z.string().nullable().default(null),
  /**
   * Where the stream's next request goes: the next page of an unfinished pass (a `Link: rel="next"`
   * URL, a Slack `latest`, a Graph nextLink) or, for a delta API, the delta link. Null: the first page.
   */
  next: z.string().nullable().default(null),
  /** The ETag of the stream's first page and the URL it belongs to (conditional requests). */
  etag: z.object({ url: z.string(), tag: z.string() }).nullable().default(null),
  /** Where the stream's first sync started (a resync starts there again). */
  origin: iso.nullable().default(null),
  /** Cursors of the stream's children: parent key → newest child value (Slack: thread → newest reply ts). */
  children: z.record(z.string(), z.string()).default({}),
});

/**
 * The one cursor format of every connector: the JSON stored per scope in `sync_cursor`
 * (docs/contracts.md §8).
 * - `streams`: the state of each stream of the scope, by the stream's name.
 * - `pass`: a pass in progress, so a killed sync resumes: when it started, the stream it is in, the
 *   streams that saw changes, the newest cursor value seen so far and the ids it emitted at the edge.
 * - `seen`: ids already emitted at a watermark's edge (sources whose times have whole seconds see
 *   that second again), kept while still at or after their stream's mark.
 */
export const SyncCursorSchema = z.object({
  v: z.literal(SYNC_CURSOR_VERSION),
  streams: z.record(z.string(), StreamStateSchema).default({}),
  pass: z
    .object({
      startedAt: iso,
      stream: z.string(),
      changed: z.array(z.string()).default([]),
      newest: z.string().nullable().default(null),
      seen: SeenSchema.default([]),
    })
    .nullable()
    .default(null),
  seen: SeenSchema.default([]),
});
export type SyncCursor = z.infer<typeof SyncCursorSchema>;
export type StreamState = z.infer<typeof StreamStateSchema>;
export type SyncPass = NonNullable<SyncCursor['pass']>;

/** A cursor with no state (the first sync of a scope). */
export function emptySyncCursor(): SyncCursor {
  return { v: SYNC_CURSOR_VERSION, streams: {}, pass: null, seen: [] };
}

/** A stream's state with nothing saved yet. */
export function emptyStreamState(): StreamState {
  return { mark: null, next: null, etag: null, origin: null, children: {} };
}

/** The state of one stream of a cursor, created empty when the cursor has none. */
export function streamOf(cursor: SyncCursor, stream: string): StreamState {
  cursor.streams[stream] ??= emptyStreamState();
  return cursor.streams[stream];
}

/** Turns a cursor stored by an older version of a connector into this format; null when it is not one. */
export type LegacyCursorReader = (stored: unknown) => SyncCursor | null;

/** What reading a stored cursor gave. */
export interface ReadCursor {
  /** The cursor, or null when nothing usable was stored (start the scope afresh). */
  cursor: SyncCursor | null;
  /** `migrated`: an older format was read; `unreadable`: something was stored that no reader knows. */
  status: 'none' | 'current' | 'migrated' | 'unreadable';
}

/**
 * Reads a stored cursor: the current format, or an older one through the connector's `legacy`
 * reader (migrate on read: the next save writes the current format), so an installation that is
 * upgraded resumes where it was.
 *
 * @example const { cursor } = readSyncCursor(await ctx.cursors.get('acme/api'), legacyRepoCursor);
 */
export function readSyncCursor(stored: string | null, legacy?: LegacyCursorReader): ReadCursor {
  if (stored === null || stored === '') return { cursor: null, status: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return { cursor: null, status: 'unreadable' };
  }
  const current = SyncCursorSchema.safeParse(value);
  if (current.success) return { cursor: current.data, status: 'current' };
  const migrated = legacy?.(value) ?? null;
  if (migrated) {
    const checked = SyncCursorSchema.safeParse(migrated);
    if (checked.success) return { cursor: checked.data, status: 'migrated' };
  }
  return { cursor: null, status: 'unreadable' };
}

/**
 * The string to store for a cursor (validated: a connector cannot save a cursor it could not read back).
 *
 * @example await ctx.cursors.set(scope, writeSyncCursor(cursor));
 */
export function writeSyncCursor(cursor: SyncCursor): string {
  return JSON.stringify(SyncCursorSchema.parse(cursor));
}
