import type { ActivityEvent } from '@pushpull/core';
import type { Store } from '@pushpull/store';
import type {
  Connector,
  OrgSnapshot,
  RateBudget,
  SyncContext,
  SyncProgress,
  SyncSummary,
} from '../kit/connector';
import type { EventSink } from '../kit/event-sink';
import { InMemoryRateBudget } from '../kit/in-memory-rate-budget';
import { runSync } from '../kit/run-sync';
import { storeCursorStore } from '../kit/store-cursor-store';
import { storeOrgSnapshotSink } from '../kit/store-org-snapshot-sink';
import type { SlackClock } from '../slack/slack-clock';

/** One structured log line a sync wrote. */
export interface LoggedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A SyncContext for tests plus everything the sync did through it. */
export interface TestSyncRun {
  ctx: SyncContext;
  events: ActivityEvent[];
  orgSnapshots: OrgSnapshot[];
  progress: SyncProgress[];
  logs: LoggedLine[];
  /** Every `pauseUntil` the sync asked of the budget. */
  pauses: Date[];
  abort: AbortController;
}

/** The kit's InMemoryRateBudget on a (virtual) clock, recording every `pauseUntil`. */
export function recordingBudget(clock: SlackClock, pauses: Date[]): RateBudget {
  const budget = new InMemoryRateBudget({
    now: () => clock.now(),
    sleep: (ms, signal) => clock.sleep(ms, signal),
  });
  return {
    acquire: (cost, signal) => budget.acquire(cost, signal),
    update: (remaining, resetAt) => budget.update(remaining, resetAt),
    pauseUntil: async (until) => {
      pauses.push(until);
      await budget.pauseUntil(until);
    },
    remaining: () => budget.remaining(),
  };
}

/** What one `runSync` of the kit did, seen from outside. */
export interface KitRun {
  summary: SyncSummary;
  events: ActivityEvent[];
  progress: SyncProgress[];
  logs: LoggedLine[];
  pauses: Date[];
}

/**
 * Runs a connector once through the kit's `runSync` — cursors in the store's `sync_cursor`, org
 * snapshots merged into the store's org chart, events
 * validated and written to an in-memory sink, the InMemoryRateBudget and the run's start on the
 * (virtual) clock — like `pushpull sync slack --once` does. `stopAfterPages` aborts the run after
 * that many written pages.
 *
 * @example const { summary, events } = await runOnce({ connector, store, clock: slack.clock, since });
 */
export async function runOnce(options: {
  connector: Connector;
  store: Store;
  clock: SlackClock;
  since: Date;
  stopAfterPages?: number;
}): Promise<KitRun> {
  const { clock } = options;
  const events: ActivityEvent[] = [];
  const progress: SyncProgress[] = [];
  const logs: LoggedLine[] = [];
  const pauses: Date[] = [];
  const abort = new AbortController();
  let pages = 0;
  const summary = await runSync({
    connector: options.connector,
    cursors: storeCursorStore(options.store.db, options.connector.source),
    orgSink: storeOrgSnapshotSink(options.store.db),
    sink: {
      async write(page) {
        events.push(...page);
        pages += 1;
        if (pages === options.stopAfterPages) abort.abort();
      },
      async close() {},
    },
    budget: recordingBudget(clock, pauses),
    since: options.since,
    now: () => new Date(clock.now()),
    signal: abort.signal,
    onProgress: (p) => progress.push(p),
    log: (level, fields, message) => logs.push({ level, fields, message }),
  });
  return { summary, events, progress, logs, pauses };
}

/**
 * Builds a SyncContext for the Slack connector's tests (test support, not used in production): cursors
 * in a Map shared across runs, a rate budget and run times on the given (virtual) clock, and
 * recorders for events, progress and logs. `onEmit` runs after each emitted page (e.g. to abort).
 *
 * @example
 * const run = createTestSyncRun({ clock: slack.clock, since, cursors });
 * await connector.sync(run.ctx);
 */
export function createTestSyncRun(options: {
  clock: SlackClock;
  since: Date;
  cursors: Map<string, string>;
  onEmit?: (run: TestSyncRun) => void;
}): TestSyncRun {
  const { clock, cursors } = options;
  const abort = new AbortController();
  const pauses: Date[] = [];
  const budget = recordingBudget(clock, pauses);
  const run: TestSyncRun = {
    events: [],
    orgSnapshots: [],
    progress: [],
    logs: [],
    pauses,
    abort,
    ctx: {
      since: options.since,
      runStartedAt: new Date(clock.now()),
      cursors: {
        get: async (scope) => cursors.get(scope) ?? null,
        set: async (scope, cursor) => {
          cursors.set(scope, cursor);
        },
      },
      budget,
      emit: async (events) => {
        run.events.push(...events);
        options.onEmit?.(run);
      },
      emitOrgSnapshot: async (snapshot) => {
        run.orgSnapshots.push(snapshot);
      },
      progress: (p) => {
        run.progress.push(p);
      },
      signal: abort.signal,
      log: (level, fields, message) => {
        run.logs.push({ level, fields, message });
      },
    },
  };
  return run;
}

/**
 * A valid ActivityEvent for kit tests: GitHub issue comment `n` by alice, nothing else set.
 *
 * @example sampleEvent(2).id // 'github:a/b:issue_comment:2'
 */
export function sampleEvent(n = 1): ActivityEvent {
  return {
    id: `github:a/b:issue_comment:${n}`,
    source: 'github',
    type: 'github.issue_comment.created',
    occurredAt: '2024-01-01T00:00:00Z',
    actor: { githubLogin: 'alice' },
    targets: [],
    attributes: {},
  };
}

/** An EventSink keeping every written event in `events`, in order. */
export function memorySink(): EventSink & { events: ActivityEvent[] } {
  const events: ActivityEvent[] = [];
  return { events, write: async (e) => void events.push(...e), close: async () => {} };
}
