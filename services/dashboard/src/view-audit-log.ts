import { type AuditInput, type Store, writeAuditRows } from '@pushpull/store';

/** The audit action of a dashboard answer that showed a named person. */
export const DASHBOARD_VIEW = 'dashboard.view';

/**
 * One dashboard answer that showed someone by name. Holds no name and no address: the person of a
 * single-person view only as the keyed hash of their address (the hash erasure writes).
 */
export interface DashboardView {
  /** The login that read it (the audit row's actor is `dashboard:<username>`). */
  username: string;
  /** The route pattern, e.g. `/api/leaders/:personId` (never the path, which may hold an address). */
  route: string;
  /** The period of the answer (`2026-Q3`, `last-90d`), or null when the route takes none. */
  period: string | null;
  /** How many people the answer named. */
  people: number;
  /** Keyed hash of the person's address for a single-person view; null for a list. */
  subjectHash: string | null;
}

/** Starts a timer; returns what cancels it. */
export type Schedule = (run: () => void, ms: number) => () => void;

/** Options of {@link ViewAuditLog}. */
export interface ViewAuditLogOptions {
  /** The clock of the rows' `at`. Default: the system clock. */
  now?: () => Date;
  /** Longest wait between a view and its insert, in ms; also the shortest time between two inserts. Default 1000. */
  intervalMs?: number;
  /** Timer (injectable for tests). Default: an unref'd `setTimeout`, so the queue keeps no process alive. */
  schedule?: Schedule;
  /** Told about an insert that failed (its rows are kept for the next one). Default: ignored. */
  onError?: (err: unknown, rows: number) => void;
  /** Most rows kept while inserts fail; the oldest go first past it. Default 10 000. */
  maxQueued?: number;
}

const defaultSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/**
 * The dashboard's audit of named views (docs/security.md): each answer that shows a named person
 * queues one `dashboard.view` row, and the queue goes to `audit_log` in one multi-row insert at most
 * once per interval, so a request never waits on the audit write. `flush()` writes the queue now
 * (tests, shutdown); `close()` stops the timer and flushes.
 *
 * @example const audit = new ViewAuditLog(store.db); audit.record({ username: 'root', route: '/api/leaders', period: 'last-90d', people: 12, subjectHash: null });
 */
export class ViewAuditLog {
  private queue: AuditInput[] = [];
  private cancel: (() => void) | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly now: () => Date;
  private readonly intervalMs: number;
  private readonly schedule: Schedule;
  private readonly maxQueued: number;

  constructor(
    private readonly db: Store['db'],
    private readonly options: ViewAuditLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.intervalMs = options.intervalMs ?? 1000;
    this.schedule = options.schedule ?? defaultSchedule;
    this.maxQueued = options.maxQueued ?? 10_000;
  }

  /** Queues one view; the timer writes it within the interval. Never waits and never throws. */
  record(view: DashboardView): void {
    this.queue.push({
      actor: `dashboard:${view.username}`,
      action: DASHBOARD_VIEW,
      subjectHash: view.subjectHash,
      detail: { route: view.route, period: view.period, people: view.people },
      at: this.now(),
    });
    if (this.queue.length > this.maxQueued) this.queue.splice(0, this.queue.length - this.maxQueued);
    this.cancel ??= this.schedule(() => {
      this.cancel = null;
      void this.flush();
    }, this.intervalMs);
  }

  /** Rows queued and not yet written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Writes every queued row now, in one statement, after any insert already running. */
  flush(): Promise<void> {
    this.cancel?.();
    this.cancel = null;
    this.writing = this.writing.then(() => this.writeQueued());
    return this.writing;
  }

  /** Stops the timer and writes what is queued. */
  close(): Promise<void> {
    return this.flush();
  }

  private async writeQueued(): Promise<void> {
    const rows = this.queue;
    if (rows.length === 0) return;
    this.queue = [];
    try {
      await writeAuditRows(this.db, rows);
    } catch (err) {
      // kept for the next insert (the newest win when the queue is full)
      this.queue = [...rows, ...this.queue].slice(-this.maxQueued);
      this.options.onError?.(err, rows.length);
    }
  }
}
