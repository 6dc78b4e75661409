/**
 * A small sync process for tests that kill a sync mid-backfill: one GitHub `--once` sync into a
 * JSONL file, cursors in PGlite under `--data-dir`. The token comes from GITHUB_TOKEN, as in real
 * use. Prints one JSON line per progress report and a last `{"summary":…}` line on stdout; logs go
 * to stderr as JSON lines.
 *
 * @example GITHUB_TOKEN=… node --import tsx sync-to-file.ts --api-url http://127.0.0.1:5000 \
 *   --repos acme/api --out events.jsonl --data-dir ./state --since 2018-01-01T00:00:00Z --per-page 10 \
 *   --spacing-ms 0
 */
import { parseArgs } from 'node:util';
import { openStore } from '@pushpull/store';
import { createGithubConnector } from '../github/create-github-connector';
import { jsonlFileSink } from '../kit/jsonl-file-sink';
import { runSync } from '../kit/run-sync';
import { storeCursorStore } from '../kit/store-cursor-store';

const { values } = parseArgs({
  options: {
    'api-url': { type: 'string' },
    repos: { type: 'string' },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
    since: { type: 'string' },
    'per-page': { type: 'string' },
    'spacing-ms': { type: 'string' },
  },
});
const token = process.env.GITHUB_TOKEN;
if (!token || !values['api-url'] || !values.repos || !values.out || !values['data-dir']) {
  process.stderr.write(
    'usage: GITHUB_TOKEN=… sync-to-file --api-url URL --repos a/b,c/d --out FILE --data-dir DIR\n',
  );
  process.exit(2);
}
const store = await openStore({ dataDir: values['data-dir'] });
const sink = jsonlFileSink(values.out);
try {
  const summary = await runSync({
    connector: createGithubConnector({
      token,
      apiUrl: values['api-url'],
      repos: values.repos.split(','),
      perPage: values['per-page'] ? Number(values['per-page']) : undefined,
      retryBaseMs: 50,
      requestSpacingMs: values['spacing-ms'] ? Number(values['spacing-ms']) : undefined,
    }),
    cursors: storeCursorStore(store.db, 'github'),
    sink,
    since: values.since ? new Date(values.since) : undefined,
    onProgress: (p) => process.stdout.write(`${JSON.stringify({ progress: p })}\n`),
    log: (level, fields, message) =>
      process.stderr.write(`${JSON.stringify({ level, message, ...fields })}\n`),
  });
  process.stdout.write(`${JSON.stringify({ summary })}\n`);
} finally {
  await sink.close();
  await store.close();
}
