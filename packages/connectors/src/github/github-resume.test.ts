import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type RepoSeed, recordedRepo, startGithubDouble } from '@pushpull/api-doubles/github';
import { describe, expect, it } from 'vitest';
import type { SyncProgress, SyncSummary } from '../kit/connector';

const SCRIPT = fileURLToPath(new URL('../testing/sync-to-file.ts', import.meta.url));
const TOKEN = 'ghp_ResumeTestT0kenNeverPrinted00000000001';

function run(args: string[], onProgress?: (p: SyncProgress, child: ChildProcess) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    env: { ...process.env, GITHUB_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let summary: SyncSummary | null = null;
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    output += `${line}\n`;
    const msg = JSON.parse(line) as { progress?: SyncProgress; summary?: SyncSummary };
    if (msg.progress) onProgress?.(msg.progress, child);
    if (msg.summary) summary = msg.summary;
  });
  return new Promise<{
    code: number | null;
    signal: string | null;
    summary: SyncSummary | null;
    output: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, summary, output })));
}

function expectedCount(seeds: RepoSeed[]): number {
  const human = (u: unknown) => {
    const user = u as { login?: string; type?: string } | null;
    return !!user?.login && user.type === 'User' && !user.login.endsWith('[bot]');
  };
  let n = 0;
  for (const s of seeds) {
    n += s.pulls.filter((p) => human(p.user)).length;
    n += s.issues.filter((i) => human(i.user) && !i.pull_request).length;
    n += s.issueComments.filter((c) => human(c.user)).length;
    n += Object.values(s.reviews)
      .flat()
      .filter((r) => human(r.user) && r.submitted_at).length;
    n += s.reviewComments.filter((c) => human(c.user)).length;
    n += s.issueEvents.filter((e) => e.event === 'assigned' && human(e.actor)).length;
  }
  return n;
}

describe('a GitHub sync killed mid-backfill', () => {
  it('completes after a restart with no missing and no duplicate event', async () => {
    const seeds = [recordedRepo('kill/ants'), recordedRepo('kill/ants-copy')];
    const gh = await startGithubDouble({ repos: seeds, latencyMs: 25, tokens: [TOKEN] });
    const dir = mkdtempSync(path.join(tmpdir(), 'github-resume-'));
    const out = path.join(dir, 'events.jsonl');
    const args = [
      ...['--api-url', gh.url, '--repos', 'kill/ants,kill/ants-copy', '--out', out],
      ...[
        '--data-dir',
        path.join(dir, 'state'),
        '--since',
        '2018-01-01T00:00:00Z',
        '--per-page',
        '10',
        '--spacing-ms',
        '0',
      ],
    ];
    try {
      const killed = await run(args, (p, child) => {
        if (p.events >= 80 && !child.killed) child.kill('SIGKILL');
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.summary).toBeNull();
      const linesAtKill = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
      expect(linesAtKill).toBeGreaterThanOrEqual(80);

      const restarted = await run(args);
      expect(restarted.code, restarted.output).toBe(0);
      const ids = readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id: string }).id);
      const total = expectedCount(seeds);
      expect(total).toBe(434);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      // It resumed from the saved page positions instead of starting over.
      expect(restarted.summary!.events).toBeLessThan(total);
      expect(restarted.summary!.events).toBeGreaterThanOrEqual(total - linesAtKill);
      expect(killed.output + restarted.output).not.toContain(TOKEN);
    } finally {
      await gh.close();
    }
  }, 120_000);
});
