import { shortText } from '@pushpull/core';
import type { DependencyName, DependencyProbe } from './dependency-probe';

/** The last known state of one dependency. */
export interface DependencyStatus {
  up: boolean;
  /** Why it is down: short, no credentials, no URL. Absent when up. */
  reason?: string;
  /** When this state was measured (ISO 8601, from the injected clock). */
  checkedAt: string;
}

/** The state of every dependency the process uses; what `/healthz` answers. */
export interface DependencyReport {
  /** `ok` when every dependency is up (or none is used), `unavailable` otherwise. */
  status: 'ok' | 'unavailable';
  /** The dependencies that are down, in probe order. */
  failing: DependencyName[];
  dependencies: Partial<Record<DependencyName, DependencyStatus>>;
}

/** Cached, bounded dependency checks shared by `/healthz` and the `pushpull_dependency_up` gauge. */
export interface DependencyHealth {
  /** The dependencies probed, in order. */
  readonly names: readonly DependencyName[];
  /** The current report: cached results younger than `cacheMs`, fresh probes otherwise. Never throws. */
  check(): Promise<DependencyReport>;
}

export interface DependencyHealthOptions {
  /** A probe with no answer after this long counts as down. Default 800 ms. */
  timeoutMs?: number;
  /** How long a result is reused before the dependency is probed again. Default 2000 ms. */
  cacheMs?: number;
  /** The clock, in ms (tests inject one). Default `Date.now`. */
  now?: () => number;
  /** Called when a dependency goes down (also on the first check) or comes back up. */
  onChange?: (name: DependencyName, status: DependencyStatus) => void;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 800;
export const DEFAULT_PROBE_CACHE_MS = 2000;

interface Entry {
  probe: DependencyProbe;
  last: { status: DependencyStatus; at: number } | undefined;
  running: Promise<DependencyStatus> | undefined;
}

/**
 * Aggregates dependency probes into one report. Each probe runs at most once per `cacheMs`
 * whatever the request rate (concurrent callers share the probe in flight), is aborted after
 * `timeoutMs`, and anything it throws becomes a short reason with its secrets and URLs scrubbed
 * — `check()` itself never rejects. With no probes (embedded mode) the report is always `ok`.
 *
 * @example
 * const health = createDependencyHealth([postgresProbe(url), kafkaProbe(brokers)], { cacheMs: 2000 });
 * const report = await health.check(); // { status: 'unavailable', failing: ['kafka'], dependencies: {...} }
 */
export function createDependencyHealth(
  probes: readonly DependencyProbe[],
  options: DependencyHealthOptions = {},
): DependencyHealth {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const cacheMs = options.cacheMs ?? DEFAULT_PROBE_CACHE_MS;
  const now = options.now ?? Date.now;
  const entries: Entry[] = probes.map((probe) => ({ probe, last: undefined, running: undefined }));

  const fresh = (e: Entry): DependencyStatus | undefined => {
    if (!e.last) return undefined;
    const age = now() - e.last.at;
    return age >= 0 && age < cacheMs ? e.last.status : undefined;
  };

  const refresh = (e: Entry): Promise<DependencyStatus> => {
    e.running ??= runProbe(e.probe, timeoutMs)
      .then((outcome) => {
        const at = now();
        const status: DependencyStatus = outcome.up
          ? { up: true, checkedAt: new Date(at).toISOString() }
          : { up: false, reason: outcome.reason, checkedAt: new Date(at).toISOString() };
        const before = e.last?.status.up;
        e.last = { status, at };
        if (before !== status.up && (before !== undefined || !status.up)) {
          try {
            options.onChange?.(e.probe.name, status);
          } catch {
            // a failing listener must not break health checks
          }
        }
        return status;
      })
      .finally(() => {
        e.running = undefined;
      });
    return e.running;
  };

  return {
    names: entries.map((e) => e.probe.name),
    async check() {
      const statuses = await Promise.all(entries.map((e) => fresh(e) ?? refresh(e)));
      const report: DependencyReport = { status: 'ok', failing: [], dependencies: {} };
      entries.forEach((e, i) => {
        const status = statuses[i] as DependencyStatus;
        report.dependencies[e.probe.name] = status;
        if (!status.up) report.failing.push(e.probe.name);
      });
      if (report.failing.length > 0) report.status = 'unavailable';
      return report;
    },
  };
}

/** Runs one probe with its timeout; resolves with the outcome, never rejects. */
async function runProbe(
  probe: DependencyProbe,
  timeoutMs: number,
): Promise<{ up: true } | { up: false; reason: string }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer from ${probe.target} within ${timeoutMs} ms`));
      controller.abort();
    }, timeoutMs);
    timer.unref?.();
  });
  try {
    const attempt = Promise.resolve().then(() => probe.check(controller.signal));
    attempt.catch(() => undefined);
    await Promise.race([attempt, timeout]);
    return { up: true };
  } catch (err) {
    return { up: false, reason: safeReason(err, probe.secrets ?? []) };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * A reason fit for an open endpoint: the error's message with secrets replaced by `***`, any URL
 * replaced by `<url>` (it may carry credentials), whitespace collapsed, at most 200 characters.
 *
 * @example safeReason(new Error('connect ECONNREFUSED 127.0.0.1:5433'), []) // 'connect ECONNREFUSED 127.0.0.1:5433'
 */
export function safeReason(err: unknown, secrets: readonly string[]): string {
  let text = err instanceof Error ? err.message || err.name : String(err);
  if (err instanceof AggregateError && !err.message) {
    text = err.errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  }
  for (const secret of secrets) if (secret) text = text.replaceAll(secret, '***');
  text = text
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) text = 'unknown error';
  return shortText(text, 200);
}
