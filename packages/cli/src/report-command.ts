import type { PushpullConfig } from '@pushpull/config';
import { PushpullError } from '@pushpull/core';
import { openStore } from '@pushpull/store';
import { formatReportCsv, formatReportMarkdown } from './format-report';
import { buildLeaderReport } from './leader-report';

/** Options of `pushpull report`. */
export interface ReportOptions {
  leader: string;
  period: string;
  format: string;
}

/**
 * `pushpull report --leader EMAIL --period 2026-Q3 --format md|csv`: a leader's quarterly review
 * (metrics with volumes, bands, weekly trend, team culture, reasons as counts; never message text)
 * on stdout, from the store (embedded or DATABASE_URL).
 */
export async function reportCommand(options: ReportOptions, config: PushpullConfig): Promise<number> {
  if (options.format !== 'md' && options.format !== 'csv') {
    throw new PushpullError('REPORT_FORMAT_INVALID', `--format ${options.format}: use md or csv`, {
      format: options.format,
    });
  }
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
  });
  try {
    const report = await buildLeaderReport(store, options.leader, options.period, new Date());
    process.stdout.write(options.format === 'md' ? formatReportMarkdown(report) : formatReportCsv(report));
  } finally {
    await store.close();
  }
  return 0;
}
