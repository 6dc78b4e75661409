import { csvCell } from '@pushpull/core';
import { ORG_CSV_COLUMNS, type OrgRow } from './org-row';

const FIELDS: Record<(typeof ORG_CSV_COLUMNS)[number], (row: OrgRow) => string | null> = {
  email: (r) => r.email,
  name: (r) => r.name,
  manager_email: (r) => r.managerEmail,
  title: (r) => r.title,
  department: (r) => r.department,
  github_login: (r) => r.githubLogin,
  slack_id: (r) => r.slackId,
  valid_from: (r) => r.validFrom,
};

/**
 * Writes org chart rows as CSV (docs/contracts.md §5): the header of {@link ORG_CSV_COLUMNS}, then one line per
 * row in the given order, LF line endings and a trailing newline. Each value is a `csvCell`: one starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single quote (no spreadsheet runs it as a
 * formula), and values holding a comma, a quote or a line break are quoted (quotes doubled); null is an empty
 * field. `parseOrgCsv(formatOrgCsv(rows))` gives the rows back (it drops that single quote again).
 *
 * @example
 * formatOrgCsv([{ email: 'ada@acme.com', name: 'Lovelace, Ada', managerEmail: null, title: null,
 *   department: null, githubLogin: null, slackId: null, validFrom: null }]);
 * // 'email,name,manager_email,title,department,github_login,slack_id,valid_from\nada@acme.com,"Lovelace, Ada",,,,,,\n'
 */
export function formatOrgCsv(rows: readonly OrgRow[]): string {
  const lines = [ORG_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(ORG_CSV_COLUMNS.map((c) => csvCell(FIELDS[c](row))).join(','));
  return `${lines.join('\n')}\n`;
}
