import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabeledEventSchema } from '@pushpull/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './testing/run-cli-in-process';

const BIN = fileURLToPath(new URL('../bin/pushpull.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pushpull-cli-'));

/** The real `pushpull` in a child process: for what only a process shows (start-up, exit status). */
function spawned(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PUSHPULL_DATA_DIR: join(dir, 'data'),
      ...env,
    },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `pushpull` run in this process (runPushpull), with the same clean environment. */
function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  return runCliInProcess(args, { PUSHPULL_DATA_DIR: join(dir, 'data'), ...env }, input);
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushpull CLI', { timeout: 120_000 }, () => {
  it('prints help for every command', async () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['simulate', '--help'],
      ['ingest', '--help'],
      ['classify', '--help'],
      ['org', 'import', '--help'],
      ['org', 'export', '--help'],
      ['person', 'erase', '--help'],
      ['audit', '--help'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: pushpull/);
    }
    // The real binary prints the same help, and exits 0.
    const real = spawned(['--help']);
    expect(real.code).toBe(0);
    expect(real.stderr).toBe('');
    expect(real.stdout).toMatch(/Usage: pushpull/);
    expect(real.stdout).toBe((await cli(['--help'])).stdout);
  });

  it('simulates deterministically, then classifies the events in order (the real binary)', async () => {
    const files = (n: string) => [
      '--out',
      join(dir, `${n}.jsonl`),
      '--org-out',
      join(dir, `${n}.csv`),
      '--truth',
      join(dir, `${n}.json`),
    ];
    const common = ['simulate', '--seed', '5', '--people', '12', '--days', '3', '--start', '2026-09-07'];
    expect(spawned([...common, ...files('a')]).code).toBe(0);
    // In process, the same simulation.
    expect((await cli([...common, ...files('b')])).code).toBe(0);
    const events = readFileSync(join(dir, 'a.jsonl'), 'utf8');
    expect(events).toBe(readFileSync(join(dir, 'b.jsonl'), 'utf8'));
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toMatch(
      /^email,name,manager_email,title,department,github_login,slack_id,valid_from\n/,
    );
    const truth = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    const lines = events.trim().split('\n');
    expect(Object.keys(truth.events)).toHaveLength(lines.length);

    const input = [lines[0], '{"broken json', lines[1], '{"id":"x"}', lines[2]].join('\n');
    const r = spawned(['classify', '--org', join(dir, 'a.csv')], `${input}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2: not valid JSON/);
    expect(r.stderr).toMatch(/line 4: not an ActivityEvent/);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => LabeledEventSchema.parse(JSON.parse(l)));
    expect(out.map((l) => l.id)).toEqual([0, 1, 2].map((i) => JSON.parse(lines[i]!).id));
  });

  it('ingests a file on the embedded bus and returns once every event is stored', async () => {
    const args = ['simulate', '--seed', '9', '--people', '10', '--days', '2', '--start', '2026-09-07'];
    const files = [
      '--out',
      join(dir, 'i.jsonl'),
      '--org-out',
      join(dir, 'i.csv'),
      '--truth',
      join(dir, 'i.json'),
    ];
    expect((await cli([...args, ...files])).code).toBe(0);
    const env = { PUSHPULL_DATA_DIR: join(dir, 'ingest-data') };
    expect((await cli(['org', 'import', join(dir, 'i.csv')], undefined, env)).code).toBe(0);
    const events = readFileSync(join(dir, 'i.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'i-bad.jsonl'), `${events.join('\n')}\nnot json at all\n`);
    const r = await cli(['ingest', join(dir, 'i-bad.jsonl')], undefined, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`line ${events.length + 1}: not valid JSON`));
    expect(r.stderr).toMatch(new RegExp(`; ${events.length} facts stored`));
    // a second ingest of the same events stores nothing new (ids are idempotency keys)
    const again = await cli(['ingest', join(dir, 'i.jsonl')], undefined, env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`; ${events.length} facts stored`));
  });

  it('links tool accounts by hand (identity overrides) and lists every link with its provenance', async () => {
    const env = { PUSHPULL_DATA_DIR: join(dir, 'identities-data') };
    writeFileSync(
      join(dir, 'id-org.csv'),
      'email,manager_email,github_login\nboss@acme.example,,bossgh\nada@acme.example,boss@acme.example,ada\n',
    );
    expect((await cli(['org', 'import', join(dir, 'id-org.csv')], undefined, env)).code).toBe(0);
    writeFileSync(join(dir, 'bad-ids.csv'), 'kind,value,email\ngithub_login,ghost-gh,ghost@acme.example\n');
    const bad = await cli(['org', 'identities', 'import', join(dir, 'bad-ids.csv')], undefined, env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not in the org chart: ghost@acme\.example/);
    writeFileSync(join(dir, 'ids.csv'), 'kind,value,email\ngithub_login,Ada-Personal,ada@acme.example\n');
    expect((await cli(['org', 'identities', 'import', join(dir, 'ids.csv')], undefined, env)).code).toBe(0);
    const list = (await cli(['org', 'identities'], undefined, env)).stdout;
    expect(list).toMatch(/^p:ada@acme\.example,github_login,ada,org-csv$/m);
    expect(list).toMatch(/^p:ada@acme\.example,github_login,ada-personal,manual$/m);

    const event = {
      id: 'github:acme/api:issue_comment:1',
      source: 'github',
      type: 'github.issue_comment.created',
      occurredAt: '2026-05-01T10:00:00Z',
      actor: { githubLogin: 'ada-personal' },
      targets: [{ githubLogin: 'bossgh', role: 'mention' }],
      text: 'Here is the design doc for the new cache.',
    };
    const r = await cli(
      ['classify', '--org', join(dir, 'id-org.csv'), '--identities', join(dir, 'ids.csv')],
      `${JSON.stringify(event)}\n`,
    );
    expect(r.code).toBe(0);
    const labeled = JSON.parse(r.stdout);
    expect(labeled.actor.personId).toBe('p:ada@acme.example');
    expect(labeled.edges[0]).toMatchObject({ direction: 'up', distance: 1 });
  });

  it('leaves an identity whose accounts point to two people unresolved and names it on stderr', async () => {
    writeFileSync(
      join(dir, 'amb-org.csv'),
      'email,manager_email,github_login\nboss@acme.example,,bossgh\nada@acme.example,boss@acme.example,ada\n',
    );
    const event = {
      id: 'github:acme/api:issue_comment:2',
      source: 'github',
      type: 'github.issue_comment.created',
      occurredAt: '2026-05-01T10:00:00Z',
      actor: { email: 'boss@acme.example', githubLogin: 'ada' },
      targets: [{ githubLogin: 'bossgh', role: 'mention' }],
      text: 'Here is the design doc for the new cache.',
    };
    // Boss's email with Ada's login: not guessed, listed on stderr; the output is still complete.
    const amb = await cli(['classify', '--org', join(dir, 'amb-org.csv')], `${JSON.stringify(event)}\n`);
    expect(amb.code).toBe(0);
    expect(JSON.parse(amb.stdout).actor.personId).toBeNull();
    expect(amb.stderr).toMatch(
      /ambiguous identity email=boss@acme\.example github_login=ada \(first on line 1, 1 times\) points to p:ada@acme\.example and p:boss@acme\.example/,
    );
  });

  it('refuses a bad configuration with one line naming the variable (the real binary: exit status 1)', async () => {
    const r = spawned(['org', 'export'], undefined, { PORT: 'http', GITHUB_TOKEN: 'ghp_secretvalue' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/PORT: must be an integer/);
    expect(r.stderr).toMatch(/GITHUB_ORG or GITHUB_REPOS/);
    expect(r.stderr).not.toContain('ghp_secretvalue');
    // In process the same: the configuration comes from the environment given to the run.
    expect(process.env.PORT).not.toBe('http');
    const inProcess = await cli(['org', 'export'], undefined, {
      PORT: 'http',
      GITHUB_TOKEN: 'ghp_secretvalue',
    });
    expect(inProcess).toEqual({ code: 1, stdout: '', stderr: r.stderr });
  });

  it('imports and exports the org chart, and names the line of a bad row', async () => {
    const good =
      'email,name,manager_email\nboss@acme.example,Boss,\nann@acme.example,Ann,boss@acme.example\n';
    writeFileSync(join(dir, 'org.csv'), good);
    expect((await cli(['org', 'import', join(dir, 'org.csv')])).code).toBe(0);
    const exported = await cli(['org', 'export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/ann@acme\.example,Ann,boss@acme\.example/);
    writeFileSync(join(dir, 'bad.csv'), `${good}bob@acme.example,Bob,nobody@acme.example\n`);
    const bad = await cli(['org', 'import', join(dir, 'bad.csv')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 4/);
    expect((await cli(['org', 'export'])).stdout).not.toMatch(/bob@/); // nothing half-imported
  });
});
