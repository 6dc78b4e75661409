import type { ActivityEvent, Source } from '@pushpull/core';
import type { OrgPersonInput, OrgSnapshotRow } from '@pushpull/store';

/**
 * The contract between the sync runner and a source connector (GitHub, Slack, Outlook).
 *
 * A connector walks its scopes (a repository, a channel, a mailbox), reads each scope's cursor,
 * fetches pages from the API, maps them to ActivityEvents with pure functions, and hands every page
 * to `emit` BEFORE saving the page's cursor — so a crash resumes where the last published page
 * ended, never skipping and never duplicating (ids are deterministic anyway).
 */

/** Per-scope cursors, kept in the store (`sync_cursor`), scoped to one source. */
export interface CursorStore {
  get(scope: string): Promise<string | null>;
  set(scope: string, cursor: string): Promise<void>;
}

/** One person of a directory snapshot (email, name, manager's email, title, department, directory id). */
export type DirectoryPerson = OrgSnapshotRow;

/**
 * What a connector knows of the org chart. The connector only reports it; the runner's org-snapshot
 * sink writes it (the worker and `pushpull sync`: storeOrgSnapshotSink).
 * - `directory`: a directory read on `asOf` (an ISO date; the Outlook connector: Entra ID users and
 *   their managers), merged into the chart with history kept (`mergeOrgSnapshot`).
 * - `chart`: a whole effective-dated chart that replaces the stored one (`replaceOrgChart`; the
 *   simulated organisation, whose chart is the truth of its events).
 */
export type OrgSnapshot =
  | { kind: 'directory'; asOf: string; rows: readonly DirectoryPerson[] }
  | { kind: 'chart'; rows: readonly OrgPersonInput[] };

/** Where a sync's org snapshots go (storeOrgSnapshotSink in the worker and `pushpull sync`). */
export interface OrgSnapshotSink {
  /** Writes one snapshot; resolves once it is durable. Returns what changed, for the log. */
  write(snapshot: OrgSnapshot): Promise<Record<string, number>>;
}

/** Progress a connector reports on long work (a backfill). */
export interface SyncProgress {
  /** Scopes finished / known so far. */
  scopesDone: number;
  scopesTotal: number;
  /** Events emitted so far in this run. */
  events: number;
  /** API requests made so far in this run. */
  requests: number;
  /** Rate-limit budget left, when the API says. */
  rateLimitRemaining?: number | null;
  /** What it is doing now, for a person (never a secret). */
  note?: string;
}

/**
 * A request budget shared by every worker using the same token. `acquire` resolves when a
 * request may be made (waiting for a reset when the budget is spent); `update` records what the
 * API said (remaining requests and when the window resets); `pauseUntil` records a
 * `retry-after` / secondary-limit pause that every worker must honour.
 */
export interface RateBudget {
  /** Waits for budget; `signal` (optional) ends a long wait early with the signal's reason. */
  acquire(cost?: number, signal?: AbortSignal): Promise<void>;
  update(remaining: number, resetAt: Date): Promise<void>;
  pauseUntil(until: Date): Promise<void>;
  /** The last known remaining budget, or null when unknown. */
  remaining(): Promise<number | null>;
}

/** Everything a connector's sync gets from the runner. Libraries never read env: config comes in here. */
export interface SyncContext {
  /** Where the first sync of a scope starts (`--since`, default 90 days ago: docs/contracts.md §6). */
  since: Date;
  /** When this run started: saved as the next `since` of each scope finished successfully. */
  runStartedAt: Date;
  cursors: CursorStore;
  budget: RateBudget;
  /**
   * Publishes (or writes) one page of events; resolves when they are durable. The runner validates
   * them and applies the content policy (PUSHPULL_CONTENT) on the way: connectors map what the API
   * says and never strip text themselves.
   */
  emit(events: readonly ActivityEvent[]): Promise<void>;
  /** Hands a directory snapshot to the runner's org-snapshot sink (written before this resolves). */
  emitOrgSnapshot(snapshot: OrgSnapshot): Promise<void>;
  progress(p: SyncProgress): void;
  /** Aborted when the worker stops: finish the current page, then return. */
  signal: AbortSignal;
  /** Structured log of what happens (never message text, never tokens). */
  log(level: 'debug' | 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string): void;
}

/** What one sync run did. */
export interface SyncSummary {
  events: number;
  requests: number;
  /** Of `requests`, conditional requests answered 304 Not Modified (free on GitHub), when the source has them. */
  notModified?: number;
  scopes: number;
  /** Scopes skipped with the reason (401/404 on one repo, not_in_channel, …). */
  skipped: { scope: string; reason: string }[];
}

/** A source connector. */
export interface Connector {
  /** The source it reads; its cursors are kept under this name. `simulated`: the simulated organisation. */
  readonly source: Source | 'simulated';
  /**
   * Spacing between two requests of one token that keeps a burst under the API's per-minute
   * secondary limits, in ms (RateBudgetOptions.minIntervalMs). runSync's default budget uses it.
   */
  readonly requestSpacingMs?: number;
  sync(ctx: SyncContext): Promise<SyncSummary>;
}
