import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './testing/run-cli-in-process';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-org-'));
const env = { PUSHPULL_DATA_DIR: join(dir, 'data') };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushpull org import', { timeout: 120_000 }, () => {
  it('refuses a file without manager_email, naming the column and the file; nothing is imported', async () => {
    const file = join(dir, 'no-manager.csv');
    writeFileSync(file, 'email,name,title\nceo@acme.example,Cleo,CEO\nann@acme.example,Ann,Dev\n');
    const r = await runCliInProcess(['org', 'import', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `pushpull org import: ${file}: line 1: the header has no \`manager_email\` column: without it nobody would have a manager (leave it empty for the top of a tree) [ORG_CSV_MISSING_COLUMN]\n`,
    );
    expect((await runCliInProcess(['org', 'export'], env)).stdout).not.toMatch(/ann@/);
  });

  it('names the people without a manager besides the top', async () => {
    const file = join(dir, 'org.csv');
    writeFileSync(
      file,
      [
        'email,name,manager_email',
        'ceo@acme.example,Cleo,',
        'vp@acme.example,Vic,ceo@acme.example',
        'dev@acme.example,Dee,vp@acme.example',
        'ann@acme.example,Ann,',
        'lead@acme.example,Lee,',
        'new@acme.example,Ned,lead@acme.example',
      ].join('\n'),
    );
    const r = await runCliInProcess(['org', 'import', file], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `pushpull org import: ${file}: 6 rows, 6 people; top: ceo@acme.example (2 people below)\n` +
        `pushpull org import: ${file}: 2 people have no manager besides the top (lead@acme.example (1 below), ann@acme.example); if they report to someone, fill in manager_email and import again\n`,
    );
    expect((await runCliInProcess(['org', 'export'], env)).stdout).toMatch(
      /^new@acme\.example,Ned,lead@acme\.example/m,
    );
  });
});
