import { PushpullError, restoreCsvFormula } from '@pushpull/core';
import { isValidEmail, normalizeEmail } from './email-address';
import { ORG_CSV_COLUMNS, type OrgRow } from './org-row';
import { readCsv } from './read-csv';

/** One problem of an org chart CSV: the file line (1 = header) and what is wrong. */
export interface OrgCsvError {
  line: number;
  message: string;
}

type Column = (typeof ORG_CSV_COLUMNS)[number];

/**
 * The columns `pushpull org import` and `classify --org` require. `manager_email` may be empty (the
 * top of a tree) but must be there: without it every reporting line would be silently lost.
 * `valid_from` stays optional (no column = every row holds always).
 */
export const ORG_CSV_REQUIRED_COLUMNS: readonly Column[] = ['email', 'manager_email'];

/** Options of {@link parseOrgCsv}. */
export interface ParseOrgCsvOptions {
  /** The file the text came from, named at the start of the error message. */
  file?: string;
  /**
   * Columns the header must name (default `['email']`, docs/contracts.md §5); a missing one is an
   * `ORG_CSV_MISSING_COLUMN` error naming it. Importers of a real org chart pass
   * {@link ORG_CSV_REQUIRED_COLUMNS}.
   */
  requiredColumns?: readonly Column[];
}

const WHY_REQUIRED: Partial<Record<Column, string>> = {
  manager_email: ': without it nobody would have a manager (leave it empty for the top of a tree)',
};

interface LinedRow {
  line: number;
  row: OrgRow;
}

const KNOWN_COLUMNS: ReadonlySet<string> = new Set(ORG_CSV_COLUMNS);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses and validates an org chart CSV (docs/contracts.md §5). The header must name `email` and the
 * `requiredColumns` (a missing one is `PushpullError('ORG_CSV_MISSING_COLUMN')` naming the column
 * and the file, before any row is read); the other columns of {@link ORG_CSV_COLUMNS} are optional
 * and may come in any order. Emails are trimmed and
 * lower-cased, other values trimmed, empty values become null.
 *
 * Every problem of the file is collected — malformed CSV, unknown or repeated columns, a bad or
 * missing email, a `valid_from` that is not a real `YYYY-MM-DD` date, a repeated (email, valid_from),
 * a `manager_email` that is not in the file, a person who is their own manager, a reporting cycle at
 * any effective date — and reported together in one `PushpullError('ORG_CSV_INVALID')` whose message
 * (after `FILE: ` when `options.file` is given) has one `line N: what` line per problem and whose
 * `context.errors` lists them as `{line, message}`.
 * Nothing is returned unless the whole file is valid.
 *
 * @example
 * const rows = parseOrgCsv('email,manager_email\nboss@acme.com,\nada@acme.com,boss@acme.com\n');
 * rows[1].managerEmail === 'boss@acme.com';
 * parseOrgCsv('email,name\nada@acme.com,Ada\n', { file: 'org.csv', requiredColumns: ORG_CSV_REQUIRED_COLUMNS });
 * // throws ORG_CSV_MISSING_COLUMN: 'org.csv: line 1: the header has no `manager_email` column: …'
 */
export function parseOrgCsv(text: string, options: ParseOrgCsvOptions = {}): OrgRow[] {
  const invalid = (errors: OrgCsvError[], code?: string) => invalidCsv(errors, options.file, code);
  const { records, problems } = readCsv(text);
  const errors: OrgCsvError[] = problems.map((p) => ({ line: p.line, message: p.message }));
  const header = records[0];
  if (!header) {
    const required = ['email', ...(options.requiredColumns ?? [])].filter(
      (c, i, all) => all.indexOf(c) === i,
    );
    errors.push({
      line: 1,
      message: `the file is empty: expected a header row naming at least ${required.map((c) => `\`${c}\``).join(', ')}`,
    });
    throw invalid(errors);
  }

  const columns = readHeader(header.line, header.fields, errors);
  const missing = (options.requiredColumns ?? []).filter((c) => c !== 'email' && columns[c] === undefined);
  for (const column of missing) {
    errors.push({
      line: header.line,
      message: `the header has no \`${column}\` column${WHY_REQUIRED[column] ?? ''}`,
    });
  }
  if (columns.email === undefined || missing.length > 0) throw invalid(errors, 'ORG_CSV_MISSING_COLUMN');

  const knownEmails = new Set<string>();
  const candidates: LinedRow[] = [];
  for (const record of records.slice(1)) {
    const row = readRow(record.line, record.fields, header.fields.length, columns, errors, knownEmails);
    if (row) candidates.push({ line: record.line, row });
  }

  const valid = checkDuplicates(candidates, errors).filter((r) => checkManager(r, knownEmails, errors));
  checkCycles(valid, errors);
  checkSharedAccounts(valid, errors);

  if (errors.length > 0) throw invalid(errors);
  return candidates.map((c) => c.row);
}

function readHeader(line: number, names: string[], errors: OrgCsvError[]): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  names.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!KNOWN_COLUMNS.has(name)) {
      errors.push({
        line,
        message: `unknown column "${raw.trim()}" (known: ${ORG_CSV_COLUMNS.join(', ')})`,
      });
      return;
    }
    const column = name as Column;
    if (columns[column] !== undefined) {
      errors.push({ line, message: `column "${name}" appears twice` });
      return;
    }
    columns[column] = index;
  });
  if (columns.email === undefined) errors.push({ line, message: 'the header has no `email` column' });
  return columns;
}

function readRow(
  line: number,
  fields: string[],
  width: number,
  columns: Partial<Record<Column, number>>,
  errors: OrgCsvError[],
  knownEmails: Set<string>,
): OrgRow | null {
  const value = (column: Column): string | null => {
    const index = columns[column];
    if (index === undefined) return null;
    // a single quote before a formula character is how formatOrgCsv (csvCell) neutralised it
    const v = restoreCsvFormula((fields[index] ?? '').trim());
    return v === '' ? null : v;
  };
  const rawEmail = value('email');
  const email = rawEmail === null ? null : normalizeEmail(rawEmail);
  if (fields.length !== width) {
    // Columns cannot be trusted; still remember the email so others may name this person as manager.
    if (email && isValidEmail(email)) knownEmails.add(email);
    errors.push({ line, message: `expected ${width} fields like the header, found ${fields.length}` });
    return null;
  }

  let ok = true;
  if (email === null) {
    errors.push({ line, message: 'email is missing' });
    ok = false;
  } else if (!isValidEmail(email)) {
    errors.push({ line, message: `email "${rawEmail}" is not a valid address` });
    ok = false;
  } else {
    knownEmails.add(email);
  }

  const rawManager = value('manager_email');
  const managerEmail = rawManager === null ? null : normalizeEmail(rawManager);
  if (managerEmail !== null && !isValidEmail(managerEmail)) {
    errors.push({ line, message: `manager_email "${rawManager}" is not a valid address` });
    ok = false;
  }

  const validFrom = value('valid_from');
  if (validFrom !== null && !isRealDate(validFrom)) {
    errors.push({ line, message: `valid_from "${validFrom}" is not a real date (YYYY-MM-DD)` });
    ok = false;
  }

  if (!ok || email === null) return null;
  return {
    email,
    name: value('name'),
    managerEmail,
    title: value('title'),
    department: value('department'),
    githubLogin: value('github_login'),
    slackId: value('slack_id'),
    validFrom,
  };
}

/** True for `YYYY-MM-DD` naming a day that exists (no 2024-02-30). */
function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkDuplicates(rows: LinedRow[], errors: OrgCsvError[]): LinedRow[] {
  const firstLine = new Map<string, number>();
  const kept: LinedRow[] = [];
  for (const r of rows) {
    const key = `${r.row.email}\u0000${r.row.validFrom ?? ''}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      const when = r.row.validFrom === null ? 'without valid_from' : `with valid_from ${r.row.validFrom}`;
      errors.push({
        line: r.line,
        message: `duplicate row for ${r.row.email} ${when} (first on line ${first})`,
      });
      continue;
    }
    firstLine.set(key, r.line);
    kept.push(r);
  }
  return kept;
}

/**
 * A GitHub login or Slack id on the rows of two different people is never resolved by guessing
 * (that would merge two people's activity): it is an error naming both lines, for an admin to fix
 * in the file or with an identity override.
 */
function checkSharedAccounts(rows: LinedRow[], errors: OrgCsvError[]): void {
  const owners = new Map<string, { email: string; line: number }>();
  for (const r of rows) {
    const accounts: [string, string | null][] = [
      ['github_login', r.row.githubLogin?.trim().toLowerCase() ?? null],
      ['slack_id', r.row.slackId?.trim() ?? null],
    ];
    for (const [kind, value] of accounts) {
      if (!value) continue;
      const key = `${kind}\u0000${value}`;
      const owner = owners.get(key);
      if (owner && owner.email !== r.row.email) {
        errors.push({
          line: r.line,
          message: `${kind} ${value} is also ${owner.email}'s (line ${owner.line}): one account cannot belong to two people`,
        });
      } else if (!owner) {
        owners.set(key, { email: r.row.email, line: r.line });
      }
    }
  }
}

function checkManager(r: LinedRow, knownEmails: ReadonlySet<string>, errors: OrgCsvError[]): boolean {
  const manager = r.row.managerEmail;
  if (manager === null) return true;
  if (manager === r.row.email) {
    errors.push({ line: r.line, message: `${r.row.email} is their own manager` });
    return false;
  }
  if (!knownEmails.has(manager)) {
    errors.push({ line: r.line, message: `manager_email ${manager} is not in the file` });
    return false;
  }
  return true;
}

interface Dated {
  from: number;
  line: number;
  row: OrgRow;
}

/**
 * Finds reporting cycles at every effective date. A cycle that appears at date d must contain a
 * person whose row starts at d, so only those people's chains are walked at d.
 */
function checkCycles(rows: LinedRow[], errors: OrgCsvError[]): void {
  const history = new Map<string, Dated[]>();
  for (const r of rows) {
    const from = dateOf(r.row);
    const list = history.get(r.row.email) ?? [];
    list.push({ from, line: r.line, row: r.row });
    history.set(r.row.email, list);
  }
  for (const list of history.values()) list.sort((a, b) => compare(a.from, b.from));

  const rowAt = (email: string, at: number): Dated | null => {
    const list = history.get(email);
    if (!list) return null;
    let found: Dated | null = null;
    for (const d of list) {
      if (d.from > at) break;
      found = d;
    }
    return found;
  };

  const starts = [...rows].sort((a, b) => compare(dateOf(a.row), dateOf(b.row)) || a.line - b.line);
  const reported = new Set<string>();
  for (const start of starts) {
    const at = dateOf(start.row);
    // The start row may be superseded at its own date only by a duplicate, which was removed.
    const path: Dated[] = [];
    const seen = new Set<string>();
    let current = rowAt(start.row.email, at);
    while (current && !seen.has(current.row.email)) {
      seen.add(current.row.email);
      path.push(current);
      const manager = current.row.managerEmail;
      current = manager === null ? null : rowAt(manager, at);
    }
    if (!current || current.row.email !== start.row.email) continue;
    const key = path
      .map((d) => d.line)
      .sort((a, b) => a - b)
      .join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    // Report on the row that closed the cycle: the latest-starting one, the later line on a tie.
    const culprit = path.reduce((a, b) =>
      b.from > a.from || (b.from === a.from && b.line > a.line) ? b : a,
    );
    const i = path.indexOf(culprit);
    const loop = [...path.slice(i), ...path.slice(0, i)].map((d) => d.row.email);
    const when = culprit.row.validFrom === null ? '' : ` (effective ${culprit.row.validFrom})`;
    errors.push({ line: culprit.line, message: `reporting cycle ${[...loop, loop[0]].join(' → ')}${when}` });
  }
}

function dateOf(row: OrgRow): number {
  return row.validFrom === null ? Number.NEGATIVE_INFINITY : Date.parse(`${row.validFrom}T00:00:00Z`);
}

function compare(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function invalidCsv(
  errors: OrgCsvError[],
  file: string | undefined,
  code = 'ORG_CSV_INVALID',
): PushpullError {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const noun = sorted.length === 1 ? 'problem' : 'problems';
  const lines = sorted.map((e) => `line ${e.line}: ${e.message}`);
  const where = file === undefined ? '' : `${file}: `;
  const message =
    code === 'ORG_CSV_MISSING_COLUMN' && sorted.length === 1
      ? `${where}${lines[0]}`
      : `${where}org chart CSV is invalid (${sorted.length} ${noun}):\n${lines.join('\n')}`;
  return new PushpullError(code, message, { errors: sorted, ...(file === undefined ? {} : { file }) });
}
