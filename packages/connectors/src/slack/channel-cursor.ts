import { z } from 'zod';
import { isSlackTs } from './slack-ts';

const TsSchema = z.string().refine(isSlackTs, 'not a Slack ts');

const ChannelCursorSchema = z.object({
  v: z.literal(1),
  /** Every top-level message with ts ≤ oldest has been collected. */
  oldest: TsSchema,
  /**
   * A history pass in progress (paging backward from the newest message): messages in
   * (oldest, latest) are still to be read; `newest` is the newest ts the pass has seen.
   */
  pass: z.object({ latest: TsSchema, newest: TsSchema.nullable() }).nullable().default(null),
  /** Watched threads: parent ts → ts of the newest reply collected. */
  threads: z.record(z.string(), TsSchema).default({}),
});

/** The saved state of one channel (stored as JSON in `sync_cursor`). */
export type ChannelCursor = z.infer<typeof ChannelCursorSchema>;

/**
 * Reads a saved channel cursor; null when there is none or it is not a cursor of this version
 * (then the channel starts again from `since`, and deterministic ids make that harmless).
 *
 * @example parseChannelCursor('{"v":1,"oldest":"1459332000.000101"}')?.oldest // '1459332000.000101'
 */
export function parseChannelCursor(saved: string | null): ChannelCursor | null {
  if (!saved) return null;
  try {
    const parsed = ChannelCursorSchema.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The string to save for a channel cursor.
 *
 * @example serializeChannelCursor({ v: 1, oldest: '1459332000.000101', pass: null, threads: {} })
 */
export function serializeChannelCursor(cursor: ChannelCursor): string {
  return JSON.stringify(cursor);
}
