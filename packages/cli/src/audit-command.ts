import type { PushpullConfig } from '@pushpull/config';
import { PushpullError } from '@pushpull/core';
import { type AuditEntry, listAudit, openStore } from '@pushpull/store';

/** Options of `pushpull audit`. */
export interface AuditOptions {
  /** Only rows at or after this date or time (`YYYY-MM-DD`, or ISO 8601 with a time). */
  since?: string;
  format?: string;
}

/** Parses `--since`: a date (midnight UTC) or an ISO 8601 time. */
export function parseSince(since: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(since) ? new Date(`${since}T00:00:00Z`) : new Date(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(at.getTime())) {
    throw new PushpullError('AUDIT_BAD_SINCE', '--since must be a date like 2026-12-01 or an ISO 8601 time');
  }
  return at;
}

/** The audit rows as an aligned text table: at, actor, action, subject (hash prefix), detail. */
export function formatAuditTable(rows: readonly AuditEntry[]): string {
  const cells = rows.map((r) => [
    r.at.toISOString(),
    r.actor,
    r.action,
    r.subjectHash ? `${r.subjectHash.slice(0, 12)}…` : '-',
    Object.entries(r.detail)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' '),
  ]);
  const header = ['at', 'actor', 'action', 'subject', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

/**
 * `pushpull audit [--since DATE] [--format table|json]`: the audit log (erasures, retention runs, the
 * dashboard's views of named people: `dashboard.view` with route, period and number of people), oldest
 * first. Subjects are keyed hashes, never addresses. An admin tool: it reads the database.
 *
 * @example await auditCommand({ since: '2026-12-01', format: 'json' }, config) // 0
 */
export async function auditCommand(
  options: AuditOptions,
  config: PushpullConfig,
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const format = options.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    throw new PushpullError(
      'AUDIT_BAD_FORMAT',
      `--format must be table or json, not ${JSON.stringify(format)}`,
    );
  }
  const since = options.since === undefined ? undefined : parseSince(options.since);
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
  });
  try {
    const rows = await listAudit(store.db, since);
    if (format === 'json') {
      out(
        `${JSON.stringify(
          rows.map((r) => ({ ...r, at: r.at.toISOString() })),
          null,
          2,
        )}\n`,
      );
    } else {
      out(rows.length === 0 ? 'no audit rows\n' : `${formatAuditTable(rows)}\n`);
    }
  } finally {
    await store.close();
  }
  return 0;
}
