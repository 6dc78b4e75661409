import { readFileSync } from 'node:fs';
import type { PushpullConfig } from '@pushpull/config';
import { withoutErasedPeople } from '@pushpull/connectors';
import { csvCell } from '@pushpull/core';
import {
  formatOrgCsv,
  ORG_CSV_REQUIRED_COLUMNS,
  parseIdentityOverrides,
  parseOrgCsv,
  peopleWithoutManager,
} from '@pushpull/org';
import { loadOrgChart } from '@pushpull/runtime';
import {
  listAccountLinks,
  listIdentityConflicts,
  loadOrgRows,
  loadSuppressionFilter,
  openStore,
  replaceManualAccounts,
  replaceOrgChart,
} from '@pushpull/store';
import { type CommandStreams, processStreams } from './cli-io';

function storeConfig(config: PushpullConfig, io: Pick<CommandStreams, 'stderr'>) {
  return {
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    warn: (message: string) => io.stderr.write(`pushpull: ${message}\n`),
  };
}

/** Emails a people-without-manager line names before `…`. */
const NAMED_WITHOUT_MANAGER = 10;

/**
 * `pushpull org import FILE`: validates the whole file first; nothing is half-imported. The header
 * must name `email` and `manager_email` (`ORG_CSV_MISSING_COLUMN` names the one missing and the
 * file). After the import it says how many rows and people it loaded, who is the top of the org,
 * and who else has no manager — usually a forgotten `manager_email` (a warning; exit status 0). Rows of
 * erased people are skipped (and counted), their reports re-pointed to the erased person's manager.
 *
 * @example await orgImportCommand('org.csv', config) // stderr: "pushpull org import: org.csv: 153 rows, 150 people; top: ceo@acme.io (149 people below)"
 */
export async function orgImportCommand(
  file: string,
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stderr'> = processStreams(),
): Promise<number> {
  const parsed = parseOrgCsv(readFileSync(file, 'utf8'), { file, requiredColumns: ORG_CSV_REQUIRED_COLUMNS });
  const store = await openStore(storeConfig(config, io));
  let rows: typeof parsed;
  try {
    // Erased people (`pushpull person erase`) stay out: their rows are skipped, their reports move up.
    const kept = withoutErasedPeople(parsed, await loadSuppressionFilter(store.db));
    rows = kept.rows;
    if (kept.dropped > 0) {
      io.stderr.write(
        `pushpull org import: ${file}: ${kept.dropped} rows of erased people skipped (their reports now name the erased person's manager)\n`,
      );
    }
    await replaceOrgChart(store.db, rows);
  } finally {
    await store.close();
  }
  const { top, others } = peopleWithoutManager(rows);
  const people = new Set(rows.map((r) => r.email)).size;
  const topText = top
    ? `; top: ${top.email} (${top.below} ${top.below === 1 ? 'person' : 'people'} below)`
    : '';
  io.stderr.write(`pushpull org import: ${file}: ${rows.length} rows, ${people} people${topText}\n`);
  if (others.length > 0) {
    const named = others
      .slice(0, NAMED_WITHOUT_MANAGER)
      .map((o) => (o.below > 0 ? `${o.email} (${o.below} below)` : o.email))
      .join(', ');
    const more =
      others.length > NAMED_WITHOUT_MANAGER ? `, … ${others.length - NAMED_WITHOUT_MANAGER} more` : '';
    const noun = others.length === 1 ? 'person has' : 'people have';
    io.stderr.write(
      `pushpull org import: ${file}: ${others.length} ${noun} no manager besides the top (${named}${more}); if they report to someone, fill in manager_email and import again\n`,
    );
  }
  return 0;
}

/** `pushpull org export`: the current org chart (with history rows) as CSV on stdout. */
export async function orgExportCommand(
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stdout' | 'stderr'> = processStreams(),
): Promise<number> {
  const store = await openStore(storeConfig(config, io));
  try {
    io.stdout.write(formatOrgCsv(await loadOrgRows(store.db)));
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
export async function identitiesImportCommand(
  file: string,
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stderr'> = processStreams(),
): Promise<number> {
  const overrides = parseIdentityOverrides(readFileSync(file, 'utf8'));
  const store = await openStore(storeConfig(config, io));
  try {
    const org = (await loadOrgChart(store)).chart;
    const unknown = overrides.filter((o) => org.resolve({ email: o.email }) === null);
    if (unknown.length > 0) {
      throw new Error(
        `${file}: not in the org chart: ${[...new Set(unknown.map((o) => o.email))].join(', ')} (import the org chart first)`,
      );
    }
    await replaceManualAccounts(store.db, overrides);
  } finally {
    await store.close();
  }
  io.stderr.write(`pushpull org identities import: ${overrides.length} manual links\n`);
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
  io: Pick<CommandStreams, 'stdout' | 'stderr'> = processStreams(),
): Promise<number> {
  const store = await openStore(storeConfig(config, io));
  try {
    const conflicts = await listIdentityConflicts(store.db);
    if (opts.ambiguous) {
      const rows = conflicts.map((c) =>
        [c.identityKey, c.personIds.join(' '), c.events, c.firstSeen, c.lastSeen].map(csvCell).join(','),
      );
      io.stdout.write(
        `identity,person_ids,events,first_seen,last_seen\n${rows.map((r) => `${r}\n`).join('')}`,
      );
      return 0;
    }
    const links = await listAccountLinks(store.db);
    io.stdout.write(
      `person_id,kind,value,provenance\n${links.map((l) => [l.personId, l.kind, l.value, l.provenance].map(csvCell).join(',')).join('\n')}\n`,
    );
    if (conflicts.length > 0) {
      io.stderr.write(
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
