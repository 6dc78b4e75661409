import { readFileSync } from 'node:fs';
import type { PushpullConfig } from '@pushpull/config';
import { formatOrgCsv, parseOrgCsv } from '@pushpull/org';
import { loadOrgRows, openStore, replaceOrgChart, setSetting } from '@pushpull/store';

function storeConfig(config: PushpullConfig) {
  return { ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir };
}

/** `pushpull org import FILE`: validates the whole file first; nothing is half-imported. */
export async function orgImportCommand(file: string, config: PushpullConfig): Promise<number> {
  const rows = parseOrgCsv(readFileSync(file, 'utf8'));
  const store = await openStore(storeConfig(config));
  try {
    await replaceOrgChart(store.db, rows);
    await setSetting(store.db, 'org.version', new Date().toISOString());
  } finally {
    await store.close();
  }
  process.stderr.write(
    `pushpull org import: ${rows.length} rows, ${new Set(rows.map((r) => r.email)).size} people\n`,
  );
  return 0;
}

/** `pushpull org export`: the current org chart (with history rows) as CSV on stdout. */
export async function orgExportCommand(config: PushpullConfig): Promise<number> {
  const store = await openStore(storeConfig(config));
  try {
    process.stdout.write(formatOrgCsv(await loadOrgRows(store.db)));
  } finally {
    await store.close();
  }
  return 0;
}
