import { isPushpullError, type PushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { formatOrgCsv } from './format-org-csv';
import { ORG_CSV_COLUMNS, type OrgRow } from './org-row';
import { ORG_CSV_REQUIRED_COLUMNS, parseOrgCsv } from './parse-org-csv';

function errorsOf(text: string, code = 'ORG_CSV_INVALID'): { line: number; message: string }[] {
  try {
    parseOrgCsv(text);
  } catch (err) {
    expect(isPushpullError(err, code)).toBe(true);
    return (err as PushpullError).context.errors as { line: number; message: string }[];
  }
  throw new Error('expected parseOrgCsv to throw');
}

describe('parseOrgCsv', () => {
  it('reads columns in any order, normalises emails and turns empty values into null', () => {
    const rows = parseOrgCsv(
      '\uFEFFvalid_from,Email,manager_email,name,github_login\r\n' +
        ',  Boss@Acme.COM ,,"Boss, The",\r\n' +
        '2024-07-01,ada@acme.com,BOSS@acme.com,Ada,Ada-L\r\n',
    );
    expect(rows).toEqual([
      {
        email: 'boss@acme.com',
        name: 'Boss, The',
        managerEmail: null,
        title: null,
        department: null,
        githubLogin: null,
        slackId: null,
        validFrom: null,
      },
      {
        email: 'ada@acme.com',
        name: 'Ada',
        managerEmail: 'boss@acme.com',
        title: null,
        department: null,
        githubLogin: 'Ada-L',
        slackId: null,
        validFrom: '2024-07-01',
      },
    ]);
  });

  it('accepts a header-only file and a history of rows per person', () => {
    expect(parseOrgCsv('email\n')).toEqual([]);
    const rows = parseOrgCsv(
      'email,manager_email,valid_from\nb@x.com,,\na@x.com,,\na@x.com,b@x.com,2024-01-01\n',
    );
    expect(rows.map((r) => [r.email, r.validFrom])).toEqual([
      ['b@x.com', null],
      ['a@x.com', null],
      ['a@x.com', '2024-01-01'],
    ]);
  });

  it('names header problems on line 1', () => {
    expect(errorsOf('name,title\n', 'ORG_CSV_MISSING_COLUMN')).toEqual([
      { line: 1, message: 'the header has no `email` column' },
    ]);
    expect(errorsOf('')).toEqual([
      { line: 1, message: 'the file is empty: expected a header row naming at least `email`' },
    ]);
    const errors = errorsOf('email,team,email\na@x.com,x,a@x.com\n');
    expect(errors.map((e) => e.line)).toEqual([1, 1]);
    expect(errors[0]!.message).toMatch(/^unknown column "team"/);
    expect(errors[1]!.message).toBe('column "email" appears twice');
  });

  it('refuses a missing required column by name, with the file, before reading any row', () => {
    const strict = { file: 'org.csv', requiredColumns: ORG_CSV_REQUIRED_COLUMNS };
    const noManager = 'email,name,valid_from\nboss@acme.com,Boss,\nada@acme.com,Ada,\n';
    expect(() => parseOrgCsv(noManager, strict)).toThrow(
      expect.objectContaining({
        code: 'ORG_CSV_MISSING_COLUMN',
        message:
          'org.csv: line 1: the header has no `manager_email` column: without it nobody would have a manager (leave it empty for the top of a tree)',
        context: expect.objectContaining({ file: 'org.csv' }),
      }),
    );
    // without the option, the parser's minimum (docs/contracts.md §5): only `email`
    expect(parseOrgCsv(noManager)).toHaveLength(2);
    // valid_from is not required; manager_email may be empty
    expect(parseOrgCsv('email,manager_email\nboss@acme.com,\n', strict)).toHaveLength(1);
    // both missing, with another header problem: every problem, one error
    try {
      parseOrgCsv('name,manger_email\nBoss,\n', strict);
      expect.unreachable();
    } catch (err) {
      expect(isPushpullError(err, 'ORG_CSV_MISSING_COLUMN')).toBe(true);
      expect((err as Error).message).toBe(
        'org.csv: org chart CSV is invalid (3 problems):\n' +
          `line 1: unknown column "manger_email" (known: ${ORG_CSV_COLUMNS.join(', ')})\n` +
          'line 1: the header has no `email` column\n' +
          'line 1: the header has no `manager_email` column: without it nobody would have a manager (leave it empty for the top of a tree)',
      );
    }
    expect(() => parseOrgCsv('', strict)).toThrow(
      /^org\.csv: org chart CSV is invalid \(1 problem\):\nline 1: the file is empty: expected a header row naming at least `email`, `manager_email`$/,
    );
  });

  it('collects every row problem with its file line, counting line breaks inside quotes', () => {
    const csv = [
      'email,name,manager_email,valid_from', // 1
      'boss@acme.com,"Boss', // 2
      'second line of the name",,', // 3
      'not-an-email,Nobody,,', // 4
      ',Empty,,', // 5
      'ada@acme.com,Ada,boss@acme.com,2024-02-30', // 6
      'bob@acme.com,Bob,ghost@acme.com,', // 7
      'cy@acme.com,Cy,cy@acme.com,', // 8
      'dee@acme.com,Dee,boss@acme.com,2024-01-01', // 9
      'dee@acme.com,Dee again,boss@acme.com,2024-01-01', // 10
      'eve@acme.com,Eve', // 11
      'fay@acme.com,Fay,boss at acme,', // 12
      'gus@acme.com,Gus,boss@acme.com,01/02/2024', // 13
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      { line: 4, message: 'email "not-an-email" is not a valid address' },
      { line: 5, message: 'email is missing' },
      { line: 6, message: 'valid_from "2024-02-30" is not a real date (YYYY-MM-DD)' },
      { line: 7, message: 'manager_email ghost@acme.com is not in the file' },
      { line: 8, message: 'cy@acme.com is their own manager' },
      { line: 10, message: 'duplicate row for dee@acme.com with valid_from 2024-01-01 (first on line 9)' },
      { line: 11, message: 'expected 4 fields like the header, found 2' },
      { line: 12, message: 'manager_email "boss at acme" is not a valid address' },
      { line: 13, message: 'valid_from "01/02/2024" is not a real date (YYYY-MM-DD)' },
    ]);
  });

  it('throws one error whose message lists each problem as "line N: what"', () => {
    try {
      parseOrgCsv('email\nbad\nalso bad\n');
      expect.unreachable();
    } catch (err) {
      expect(isPushpullError(err, 'ORG_CSV_INVALID')).toBe(true);
      expect((err as Error).message).toBe(
        'org chart CSV is invalid (2 problems):\n' +
          'line 2: email "bad" is not a valid address\n' +
          'line 3: email "also bad" is not a valid address',
      );
    }
  });

  it('reports a CSV structure problem with its line', () => {
    expect(errorsOf('email,name\na@x.com,"Ann\nb@x.com,Bob\n')).toContainEqual({
      line: 2,
      message: 'a quoted field is never closed',
    });
  });

  it('finds a reporting cycle without dates', () => {
    const errors = errorsOf(
      'email,manager_email\na@x.com,c@x.com\nb@x.com,a@x.com\nc@x.com,b@x.com\nd@x.com,a@x.com\n',
    );
    expect(errors).toEqual([{ line: 4, message: 'reporting cycle c@x.com → b@x.com → a@x.com → c@x.com' }]);
  });

  it('finds a cycle that only exists from a later date, on the row that closes it', () => {
    const csv = [
      'email,manager_email,valid_from', // 1
      'ceo@x.com,,', // 2
      'vp@x.com,ceo@x.com,', // 3
      'ceo@x.com,vp@x.com,2024-06-01', // 4: from June the CEO "reports to" the VP
      'vp@x.com,,2024-09-01', // 5: fixed again in September
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      { line: 4, message: 'reporting cycle ceo@x.com → vp@x.com → ceo@x.com (effective 2024-06-01)' },
    ]);
  });

  it('accepts a manager swap that never overlaps in time', () => {
    const csv =
      'email,manager_email,valid_from\na@x.com,,\nb@x.com,a@x.com,\nb@x.com,,2024-06-01\na@x.com,b@x.com,2024-06-01\n';
    expect(parseOrgCsv(csv)).toHaveLength(4);
  });
});

describe('formatOrgCsv', () => {
  const rows: OrgRow[] = [
    {
      email: 'boss@acme.com',
      name: 'Boss, "The" One',
      managerEmail: null,
      title: 'CEO\nand founder',
      department: null,
      githubLogin: 'boss',
      slackId: 'U001',
      validFrom: null,
    },
    {
      email: 'ada@acme.com',
      name: 'Ada',
      managerEmail: 'boss@acme.com',
      title: null,
      department: 'R&D',
      githubLogin: null,
      slackId: null,
      validFrom: '2024-07-01',
    },
  ];

  it('writes the contract header, quoting only where needed', () => {
    const csv = formatOrgCsv(rows);
    expect(csv.split('\n')[0]).toBe(
      'email,name,manager_email,title,department,github_login,slack_id,valid_from',
    );
    expect(csv).toContain('boss@acme.com,"Boss, ""The"" One",,"CEO\nand founder",,boss,U001,\n');
    expect(csv.endsWith('ada@acme.com,Ada,boss@acme.com,,R&D,,,2024-07-01\n')).toBe(true);
  });

  it('round-trips with parseOrgCsv', () => {
    expect(parseOrgCsv(formatOrgCsv(rows))).toEqual(rows);
    const parsed = parseOrgCsv(formatOrgCsv(rows));
    expect(formatOrgCsv(parsed)).toBe(formatOrgCsv(rows));
  });
});

describe('parseOrgCsv: accounts shared by two people', () => {
  it('names both lines instead of guessing who owns the account', () => {
    const csv = [
      'email,name,manager_email,github_login,slack_id',
      'boss@acme.example,Boss,,bossgh,U1',
      'ann@acme.example,Ann,boss@acme.example,AnnGH,U2',
      'bob@acme.example,Bob,boss@acme.example,anngh,U3',
      'cy@acme.example,Cy,boss@acme.example,cygh,U2',
    ].join('\n');
    expect(() => parseOrgCsv(csv)).toThrow(
      /line 4: github_login anngh is also ann@acme\.example's \(line 3\)/,
    );
    expect(() => parseOrgCsv(csv)).toThrow(/line 5: slack_id U2 is also ann@acme\.example's \(line 3\)/);
  });

  it('lets one person keep an account across history rows', () => {
    const csv = [
      'email,manager_email,github_login,valid_from',
      'boss@acme.example,,bossgh,',
      'ann@acme.example,boss@acme.example,anngh,',
      'ann@acme.example,,anngh,2026-06-01',
    ].join('\n');
    expect(parseOrgCsv(csv)).toHaveLength(3);
  });
});
