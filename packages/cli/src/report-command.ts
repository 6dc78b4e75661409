import type { PushpullConfig } from '@pushpull/config';
import { PushpullError } from '@pushpull/core';
import { leaderTitle, renderLeaderReview, renderOrgReview } from '@pushpull/report-render';
import { openStore, type Store } from '@pushpull/store';
import { type CliIo, processIo } from './cli-io';
import { formatReportCsv, formatReportMarkdown } from './format-report';
import { buildLeaderReport } from './leader-report';
import { DEFAULT_CHROMIUM_PATH } from './report/chromium-launch';
import { buildLeaderReview } from './report/leader-review';
import { formatCorrectedCsv, formatCorrectedMarkdown } from './report/leader-review-text';
import { buildOrgReview } from './report/org-review';
import { formatOrgReviewCsv, formatOrgReviewMarkdown } from './report/org-review-text';
import { prepareOutDir, reviewFileName, writeReviewFile } from './report/out-dir';
import { openPdfPrinter, type PdfPrinter } from './report/pdf-printer';

/** The formats of `pushpull report`. */
export const REPORT_FORMATS = ['md', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options of `pushpull report`. */
export interface ReportOptions {
  /** One leader's review (exclusive with `org`). */
  leader?: string;
  /** Every leader on one page; with `out`, also one file per leader. */
  org?: boolean;
  period: string;
  format: string;
  /** A directory to write the files into instead of stdout. */
  out?: string;
}

/** Where the command writes, and what it runs with (tests pass their own). */
export interface ReportIo {
  stdout: (chunk: string | Uint8Array) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (a PDF is then refused on stdout). */
  stdoutIsTty: boolean;
  now: Date;
  /** The Chromium that prints PDFs. */
  chromiumPath: string;
}

/**
 * What `pushpull report` runs with in a run of the command: `io`'s streams, the time now, and the Chromium
 * named by `PUSHPULL_CHROMIUM` in `io.env` (default /usr/bin/chromium).
 *
 * @example await reportCommand(options, config, reportIo(processIo()))
 */
export function reportIo(io: CliIo): ReportIo {
  return {
    stdout: (chunk) => io.stdout.write(chunk),
    stderr: (text) => io.stderr.write(text),
    stdoutIsTty: Boolean(io.stdout.isTTY),
    now: new Date(),
    chromiumPath: io.env.PUSHPULL_CHROMIUM || DEFAULT_CHROMIUM_PATH,
  };
}

function validate(options: ReportOptions, io: ReportIo): ReportFormat {
  const format = options.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new PushpullError(
      'REPORT_FORMAT_INVALID',
      `--format ${options.format}: use ${REPORT_FORMATS.join(', ')}`,
      { format: options.format },
    );
  }
  if (Boolean(options.leader) === Boolean(options.org)) {
    throw new PushpullError(
      'REPORT_SCOPE_INVALID',
      options.org
        ? '--leader and --org: choose one (--org --out DIR writes every leader too)'
        : 'name a leader with --leader EMAIL, or every leader with --org',
      {},
    );
  }
  if (format === 'pdf' && !options.out && io.stdoutIsTty) {
    throw new PushpullError(
      'REPORT_PDF_TO_TERMINAL',
      '--format pdf: a PDF is not for a terminal; use --out DIR or redirect stdout to a file',
      {},
    );
  }
  return format;
}

/** Renders reviews in one format; keeps one Chromium for every PDF of a run. */
class ReviewRenderer {
  private printer: PdfPrinter | null = null;

  constructor(
    private readonly store: Store,
    private readonly format: ReportFormat,
    private readonly io: ReportIo,
  ) {}

  async leader(email: string, period: string, department: string | null): Promise<string | Uint8Array> {
    const review = await buildLeaderReview(this.store, email, period, this.io.now, { department });
    if (this.format === 'md' || this.format === 'csv') {
      // The figures as labelled (unchanged layout), then the corrected figures with their intervals.
      const report = await buildLeaderReport(this.store, email, period, this.io.now);
      return this.format === 'md'
        ? formatReportMarkdown(report) + formatCorrectedMarkdown(review)
        : formatReportCsv(report) + formatCorrectedCsv(review);
    }
    const html = renderLeaderReview(review);
    return this.format === 'html'
      ? html
      : this.print(html, `Leadership review: ${leaderTitle(review)}, ${review.period.label}`);
  }

  async org(review: Awaited<ReturnType<typeof buildOrgReview>>['review']): Promise<string | Uint8Array> {
    if (this.format === 'md') return formatOrgReviewMarkdown(review);
    if (this.format === 'csv') return formatOrgReviewCsv(review);
    const html = renderOrgReview(review);
    return this.format === 'html'
      ? html
      : this.print(html, `Leadership review: the organisation, ${review.period.label}`);
  }

  private async print(html: string, footer: string): Promise<Uint8Array> {
    this.printer ??= await openPdfPrinter(this.io.chromiumPath);
    return this.printer.print(html, footer);
  }

  async close(): Promise<void> {
    await this.printer?.close();
  }
}

/**
 * `pushpull report`: the quarterly leadership review, from the store (embedded or DATABASE_URL).
 *
 * - `--leader EMAIL --period P [--format md|csv|html|pdf]`: one leader's review on stdout (or in
 *   `--out DIR`): metrics with volumes, bands, weekly trend, team culture, reasons as counts, and each
 *   ratio corrected for the classifier's known errors with its 90% interval and the previous period's
 *   beside it (md and csv: the figures as labelled, then a section of corrected figures; html and pdf:
 *   one page with the dashboard's charts).
 * - `--org --period P`: every leader on one page with department roll-ups and the previous period;
 *   with `--out DIR`, that page plus one file per leader (the whole review cycle), with an `n/total`
 *   progress line per file on stderr.
 *
 * Never message text. Throws PushpullError with a code for a bad format, scope, period, leader or
 * output directory. Returns the exit status.
 *
 * @example await reportCommand({ org: true, period: '2026-Q3', format: 'pdf', out: 'reviews' }, config);
 */
export async function reportCommand(
  options: ReportOptions,
  config: PushpullConfig,
  io: ReportIo = reportIo(processIo()),
): Promise<number> {
  const format = validate(options, io);
  const dir = options.out ? prepareOutDir(options.out) : null;
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
  });
  const renderer = new ReviewRenderer(store, format, io);
  try {
    const emit = (name: string, content: string | Uint8Array): string | null => {
      if (!dir) {
        io.stdout(content);
        return null;
      }
      return writeReviewFile(dir, name, content);
    };
    if (options.leader) {
      const content = await renderer.leader(options.leader, options.period, null);
      const path = emit(reviewFileName(options.leader.toLowerCase(), options.period, format), content);
      if (path) io.stderr(`pushpull report: 1/1 ${options.leader} → ${path}\n`);
      return 0;
    }
    const { review, leaders } = await buildOrgReview(store, options.period, io.now);
    const orgPath = emit(reviewFileName('org', options.period, format), await renderer.org(review));
    if (!dir) return 0;
    const total = leaders.length;
    io.stderr(`pushpull report: org page → ${orgPath}; ${total} leaders to write\n`);
    for (const [i, leader] of leaders.entries()) {
      const content = await renderer.leader(leader.email, options.period, leader.department);
      const path = emit(reviewFileName(leader.email, options.period, format), content);
      io.stderr(`pushpull report: ${i + 1}/${total} ${leader.email} → ${path}\n`);
    }
    return 0;
  } finally {
    await renderer.close();
    await store.close();
  }
}
