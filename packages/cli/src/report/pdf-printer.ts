import { existsSync } from 'node:fs';
import { PushpullError } from '@pushpull/core';
import { escapeHtml } from '@pushpull/report-render';
import { type Browser, chromium } from 'playwright-core';
import { chromiumLaunchOptions, DEFAULT_CHROMIUM_PATH } from './chromium-launch';

/** Prints HTML pages to PDF with one Chromium, for as many pages as a review cycle needs. */
export interface PdfPrinter {
  /**
   * One self-contained HTML page as an A4 PDF (orientation from the page's `@page` rule), with
   * `footer` (escaped) and "page n of N" at the bottom of every page.
   */
  print(html: string, footer: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Starts the project's Chromium (playwright-core, the shared launch settings) for printing. Pages are
 * printed with JavaScript off and every network request refused: a review pack is self-contained.
 * Throws PushpullError `REPORT_PDF_CHROMIUM_MISSING` when there is no Chromium at the path and
 * `REPORT_PDF_FAILED` when it does not start.
 *
 * @example
 * const printer = await openPdfPrinter();
 * try { writeFileSync('lea.pdf', await printer.print(html, 'Lea · 2026-Q3')); } finally { await printer.close(); }
 */
export async function openPdfPrinter(executablePath: string = DEFAULT_CHROMIUM_PATH): Promise<PdfPrinter> {
  if (!existsSync(executablePath)) {
    throw new PushpullError(
      'REPORT_PDF_CHROMIUM_MISSING',
      `--format pdf needs Chromium at ${executablePath} (apt-get install chromium, or set PUSHPULL_CHROMIUM)`,
      { executablePath },
    );
  }
  let browser: Browser;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(executablePath));
  } catch (err) {
    throw new PushpullError(
      'REPORT_PDF_FAILED',
      `--format pdf: Chromium at ${executablePath} did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      { executablePath },
      { cause: err },
    );
  }
  return {
    async print(html, footer) {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        return await page.pdf({
          format: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate:
            '<div style="font-size:8px;color:#64748b;width:100%;padding:0 12mm;display:flex;justify-content:space-between;font-family:system-ui,sans-serif">' +
            `<span>${escapeHtml(footer)}</span>` +
            '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>',
        });
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close();
    },
  };
}
