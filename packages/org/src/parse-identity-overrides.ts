import { ACCOUNT_KINDS, type AccountKind, normalizeAccountValue, PushpullError } from '@pushpull/core';
import { isValidEmail, normalizeEmail } from './email-address';
import { readCsv } from './read-csv';

// The kinds of tool account an override can map to a person, and how a value is matched, are
// @pushpull/core's (one rule for org links, overrides and suppression).
export { ACCOUNT_KINDS, type AccountKind, normalizeAccountValue } from '@pushpull/core';

/** One manual link: the account `kind`/`value` belongs to the person with `email`. */
export interface IdentityOverride {
  kind: AccountKind;
  value: string;
  email: string;
}

/**
 * Parses the manual identity override file, CSV `kind,value,email` — for accounts the org chart
 * cannot link (a personal GitHub login, a second mailbox, a Graph id). Every problem is reported
 * with its line; an account given twice to different people is an error, never a guess.
 *
 * @example parseIdentityOverrides('kind,value,email\ngithub_login,ada-l,ada@acme.io\n')
 */
export function parseIdentityOverrides(text: string): IdentityOverride[] {
  const { records, problems } = readCsv(text);
  const errors = problems.map((p) => `line ${p.line}: ${p.message}`);
  const header = records[0];
  const columns = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (!header || columns.join(',') !== 'kind,value,email') {
    throw new PushpullError('IDENTITY_OVERRIDES_INVALID', 'line 1: the header must be kind,value,email');
  }
  const out: IdentityOverride[] = [];
  const seen = new Map<string, { email: string; line: number }>();
  for (const { line, fields } of records.slice(1)) {
    const [kind = '', rawValue = '', rawEmail = ''] = fields.map((f) => f.trim());
    if (fields.length !== 3) {
      errors.push(`line ${line}: expected 3 fields (kind,value,email), found ${fields.length}`);
      continue;
    }
    if (!(ACCOUNT_KINDS as readonly string[]).includes(kind)) {
      errors.push(`line ${line}: kind "${kind}" is not one of ${ACCOUNT_KINDS.join(', ')}`);
      continue;
    }
    if (rawValue === '') {
      errors.push(`line ${line}: value is empty`);
      continue;
    }
    if (!isValidEmail(rawEmail)) {
      errors.push(`line ${line}: email "${rawEmail}" is not a valid address`);
      continue;
    }
    const value = normalizeAccountValue(kind as AccountKind, rawValue);
    const email = normalizeEmail(rawEmail);
    const key = `${kind}\u0000${value}`;
    const first = seen.get(key);
    if (first && first.email !== email) {
      errors.push(`line ${line}: ${kind} ${value} is already given to ${first.email} (line ${first.line})`);
      continue;
    }
    if (!first) {
      seen.set(key, { email, line });
      out.push({ kind: kind as AccountKind, value, email });
    }
  }
  if (errors.length > 0) {
    throw new PushpullError('IDENTITY_OVERRIDES_INVALID', `identity overrides: ${errors.join('; ')}`, {
      errors,
    });
  }
  return out;
}
