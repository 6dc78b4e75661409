import { readFileSync } from 'node:fs';
import type { PushpullConfig } from '@pushpull/config';
import { formatOrgCsv, OrgChart, parseIdentityOverrides, parseOrgCsv } from '@pushpull/org';
import {
  listAccountLinks,
  listIdentityConflicts,
  loadOrgRows,
  openStore,
  replaceManualAccounts,
  replaceOrgChart,
  setSetting,
} from '@pushpull/store';

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

/**
 * `pushpull org identities import FILE`: replaces the manual identity overrides (CSV
 * `kind,value,email`). Every email must be a person of the current org chart; nothing is
 * half-imported.
 */
export async function identitiesImportCommand(file: string, config: PushpullConfig): Promise<number> {
  const overrides = parseIdentityOverrides(readFileSync(file, 'utf8'));
  const store = await openStore(storeConfig(config));
  try {
    const org = OrgChart.fromRows(await loadOrgRows(store.db));
    const unknown = overrides.filter((o) => org.resolve({ email: o.email }) === null);
    if (unknown.length > 0) {
      throw new Error(
        `${file}: not in the org chart: ${[...new Set(unknown.map((o) => o.email))].join(', ')} (import the org chart first)`,
      );
    }
    await replaceManualAccounts(store.db, overrides);
    await setSetting(store.db, 'org.version', new Date().toISOString());
  } finally {
    await store.close();
  }
  process.stderr.write(`pushpull org identities import: ${overrides.length} manual links\n`);
  return 0;
}

/**
 * `pushpull org identities`: every tool account linked to a person, with how it was linked (CSV on
 * stdout), and a summary of the ambiguous identities the classifier met (accounts pointing to
 * different people, left unresolved) on stderr. With `--ambiguous`, those identities as CSV instead.
 */
export async function identitiesListCommand(
  config: PushpullConfig,
  opts: { ambiguous?: boolean } = {},
): Promise<number> {
  const store = await openStore(storeConfig(config));
  try {
    const conflicts = await listIdentityConflicts(store.db);
    if (opts.ambiguous) {
      const rows = conflicts.map((c) =>
        [c.identityKey, c.personIds.join(' '), c.events, c.firstSeen, c.lastSeen].join(','),
      );
      process.stdout.write(
        `identity,person_ids,events,first_seen,last_seen\n${rows.map((r) => `${r}\n`).join('')}`,
      );
      return 0;
    }
    const links = await listAccountLinks(store.db);
    process.stdout.write(
      `person_id,kind,value,provenance\n${links.map((l) => [l.personId, l.kind, l.value, l.provenance].join(',')).join('\n')}\n`,
    );
    if (conflicts.length > 0) {
      process.stderr.write(
        `${conflicts.length} ambiguous ${conflicts.length === 1 ? 'identity' : 'identities'} left unresolved (accounts pointing to different people); settle each with a line kind,value,email in the override file (pushpull org identities import FILE):\n${conflicts
          .map((c) => `  ${c.identityKey} → ${c.personIds.join(' or ')} (${c.events} events)\n`)
          .join('')}`,
      );
    }
  } finally {
    await store.close();
  }
  return 0;
}
