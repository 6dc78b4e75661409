import { type ActivityEvent, isPushpullError } from '@pushpull/core';
import type { SyncContext } from '../kit/connector';
import type { DeclaredStream, StreamPage, StreamScope } from '../kit/run-stream-pass';
import { type SyncCursor, streamOf } from '../kit/sync-cursor';
import { migrateChannelCursorV1, SLACK_HISTORY_STREAM, SLACK_THREADS_STREAM } from './channel-cursor';
import { SLACK_ERROR_CODES } from './map-slack-error';
import { mapSlackMessage, type SlackMappingContext, type SlackThreadInfo } from './map-slack-message';
import type { SlackApiClient } from './slack-api-client';
import { MessagePageResponseSchema, nextCursorOf, type SlackMessage } from './slack-schemas';
import { compareSlackTs, dateToSlackTs, newerSlackTs } from './slack-ts';

/** What declaring one conversation's streams needs. */
export interface ConversationStreamsDeps {
  api: SlackApiClient;
  ctx: SyncContext;
  /** The cursor scope, `{team}/{channel}`. */
  scope: string;
  channel: string;
  /** Threads whose parent ts is at or after this are watched for new replies. */
  watchFrom: string;
  /** The mapping context (the conversation's members are fetched when first needed). */
  mapping(): Promise<SlackMappingContext>;
  onPage(events: number, note: string): Promise<void>;
}

/** A thread's parent (when the API returned it) and its replies, oldest first. */
interface Thread {
  parent: SlackMessage | undefined;
  replies: SlackMessage[];
}

/** A page item of the `threads` stream: one watched thread's new replies. */
interface WatchedThreadItem {
  parentTs: string;
  thread: Thread;
}

type Mapped = { message: SlackMessage; thread?: SlackThreadInfo };

/**
 * One conversation's declared streams, for the kit's `runStreamPass`:
 * - `history`: `conversations.history` newest first, from the run's start (`latest`) down to the
 *   mark (`oldest`, both exclusive), paged by moving `latest` to the oldest ts of the page (the
 *   stream's `next`, so a stopped backfill resumes there); the replies of every thread parent met on
 *   the way are its children (`children`: thread ts → newest reply ts, kept for parents at or after
 *   `watchFrom`); its mark moves to the newest ts seen (Slack's clock, not ours).
 * - `threads`: one page per watched thread not refreshed by the history (`conversations.replies`
 *   with `oldest` = the child's value): history never shows a new reply to an older thread. Its
 *   `next` is the next watched parent ts; threads older than `watchFrom` stop being watched.
 *
 * @example const { completed } = await runStreamPass(ctx, conversationStreams({ api, ctx, scope, channel, watchFrom, mapping, onPage }));
 */
export function conversationStreams(deps: ConversationStreamsDeps): StreamScope {
  const { api, ctx, channel, watchFrom } = deps;
  const initialMark = dateToSlackTs(ctx.since);
  // Bound to the cursor the pass runs on (onCursor), so a page's child cursors are saved with it.
  let oldest = initialMark;
  let children: Record<string, string> = {};
  // Per run: a broadcast reply is in the history and in its thread; a thread refreshed by the
  // history is not read again as a watched thread.
  const emitted = new Set<string>();
  const refreshed = new Set<string>();

  const mapAll = async (items: Mapped[]): Promise<ActivityEvent[]> => {
    if (items.length === 0) return [];
    const context = await deps.mapping();
    const events: ActivityEvent[] = [];
    for (const { message, thread } of items) {
      const event = mapSlackMessage(message, context, thread);
      if (event && !emitted.has(event.id)) {
        emitted.add(event.id);
        events.push(event);
      }
    }
    return events;
  };

  /** The first watched thread after `after` (all when absent), by ts, that this run has not refreshed. */
  const nextWatched = (after: string | undefined): string | null => {
    const keys = Object.keys(children)
      .filter((ts) => (after === undefined || compareSlackTs(ts, after) > 0) && !refreshed.has(ts))
      .sort(compareSlackTs);
    return keys[0] ?? null;
  };

  const history: DeclaredStream = {
    name: SLACK_HISTORY_STREAM,
    firstPage: () => dateToSlackTs(ctx.runStartedAt),
    async collect(items) {
      const out: Mapped[] = [];
      for (const message of items as SlackMessage[]) {
        const isParent = message.thread_ts === message.ts && (message.reply_count ?? 0) > 0;
        const known = children[message.ts];
        const upToDate = known && message.latest_reply && compareSlackTs(message.latest_reply, known) <= 0;
        if (!isParent || upToDate) {
          out.push({ message });
          continue;
        }
        const thread = await fetchThread(api, channel, message.ts, known);
        const threadInfo = threadInfoOf(thread);
        out.push({ message, thread: threadInfo });
        for (const reply of thread.replies) out.push({ message: reply, thread: threadInfo });
        refreshed.add(message.ts);
        const newestReply = newerSlackTs(known, thread.replies.at(-1)?.ts);
        if (newestReply && compareSlackTs(message.ts, watchFrom) >= 0) children[message.ts] = newestReply;
      }
      return { events: await mapAll(out), stop: false };
    },
    newestOf: (items, newest) =>
      newerSlackTs(newest ?? undefined, (items as SlackMessage[]).at(-1)?.ts) ?? null,
  };

  const threads: DeclaredStream = {
    name: SLACK_THREADS_STREAM,
    firstPage() {
      for (const ts of Object.keys(children)) {
        if (compareSlackTs(ts, watchFrom) < 0) delete children[ts];
      }
      return nextWatched(undefined);
    },
    async collect(items) {
      const out: Mapped[] = [];
      for (const { parentTs, thread } of items as WatchedThreadItem[]) {
        const threadInfo = threadInfoOf(thread);
        for (const reply of thread.replies) out.push({ message: reply, thread: threadInfo });
        const last = children[parentTs];
        const newest = newerSlackTs(last, thread.replies.at(-1)?.ts);
        if (newest) children[parentTs] = newest;
      }
      return { events: await mapAll(out), stop: false };
    },
  };

  const readHistory = async (latest: string): Promise<StreamPage> => {
    const page = await api.call(
      'conversations.history',
      { channel, oldest, latest, inclusive: false, limit: api.messagePageLimit() },
      MessagePageResponseSchema,
    );
    const messages = [...page.messages].sort((a, b) => compareSlackTs(a.ts, b.ts));
    const more = page.has_more === true && messages.length > 0;
    return { status: 200, items: messages, next: more ? messages[0]!.ts : null, etag: null };
  };

  const readWatched = async (parentTs: string): Promise<StreamPage> => {
    const next = nextWatched(parentTs);
    const last = children[parentTs];
    // A resumed pass may point at a thread no longer watched: never read it from its start.
    if (last === undefined || compareSlackTs(parentTs, watchFrom) < 0) {
      return { status: 200, items: [], next, etag: null };
    }
    try {
      const thread = await fetchThread(api, channel, parentTs, last);
      const items: WatchedThreadItem[] = thread.replies.length > 0 ? [{ parentTs, thread }] : [];
      return { status: 200, items, next, etag: null };
    } catch (err) {
      if (
        !isPushpullError(err, SLACK_ERROR_CODES.channelNotFound) ||
        err.context.error !== 'thread_not_found'
      ) {
        throw err;
      }
      delete children[parentTs];
      return { status: 200, items: [], next, etag: null };
    }
  };

  return {
    scope: deps.scope,
    streams: [history, threads],
    fetchPage: (stream, request) =>
      stream.name === SLACK_HISTORY_STREAM ? readHistory(request) : readWatched(request),
    initialMark,
    // The `threads` stream's mark: the start (as a ts) of the last pass that found new replies.
    markAt: dateToSlackTs,
    exactMarks: true,
    legacy: migrateChannelCursorV1,
    onCursor(cursor: SyncCursor) {
      const state = streamOf(cursor, SLACK_HISTORY_STREAM);
      state.mark ??= initialMark;
      oldest = state.mark;
      children = state.children;
    },
    onPage: deps.onPage,
  };
}

/** A thread's parent and its replies newer than `after` (all replies when absent), oldest first. */
async function fetchThread(
  api: SlackApiClient,
  channel: string,
  parentTs: string,
  after: string | undefined,
): Promise<Thread> {
  const thread: Thread = { parent: undefined, replies: [] };
  let cursor: string | undefined;
  do {
    const page = await api.call(
      'conversations.replies',
      {
        channel,
        ts: parentTs,
        limit: api.messagePageLimit(),
        ...(after ? { oldest: after, inclusive: false } : {}),
        ...(cursor ? { cursor } : {}),
      },
      MessagePageResponseSchema,
    );
    for (const m of page.messages) {
      if (m.ts === parentTs) thread.parent = m;
      else if (!after || compareSlackTs(m.ts, after) > 0) thread.replies.push(m);
    }
    cursor = page.has_more ? nextCursorOf(page) : undefined;
  } while (cursor);
  thread.replies.sort((a, b) => compareSlackTs(a.ts, b.ts));
  return thread;
}

function threadInfoOf(thread: Thread): SlackThreadInfo {
  const fromReplies = thread.replies.find((r) => r.parent_user_id)?.parent_user_id ?? undefined;
  const parent = thread.parent;
  const parentUserId = parent && parent.subtype !== 'tombstone' && parent.user ? parent.user : fromReplies;
  return parentUserId ? { parentUserId } : {};
}
