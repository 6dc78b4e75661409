import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabeledEventSchema } from '@pushpull/core';
import { formatOrgCsv } from '@pushpull/org';
import { simulateOrganisation } from '@pushpull/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './testing/run-cli-in-process';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-classify-'));
const sim = simulateOrganisation({ seed: 12, people: 10, days: 8, start: '2026-07-06' });
const lines = sim.events.map((e) => JSON.stringify(e));
const org = join(dir, 'org.csv');
writeFileSync(org, formatOrgCsv(sim.org));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pushpull classify: bad input stays on its line', { timeout: 120_000 }, () => {
  it('labels every good line around a 10,000-deep line, a huge line and a re-used id, and names each', async () => {
    expect(lines.length).toBeGreaterThanOrEqual(203);
    const deep = JSON.stringify({ ...sim.events[100], attributes: '@' }).replace(
      '"@"',
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    );
    const big = JSON.stringify({ ...sim.events[100], text: 'y'.repeat(1_200_000) });
    const reused = JSON.stringify({ ...sim.events[0], text: 'A different message.' });
    const input = [...lines.slice(0, 100), deep, big, ...lines.slice(100, 200), reused].join('\n');
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${input}\n`);
    const r = await runCliInProcess(['classify', '--org', org, '--input', file], {});
    expect(r.code).toBe(1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => LabeledEventSchema.parse(JSON.parse(l)));
    expect(out.map((l) => l.id)).toEqual(sim.events.slice(0, 200).map((e) => e.id));
    expect(r.stderr).toContain(
      `pushpull classify: ${file}: line 101: nested 10001 levels deep, over the limit of 64 [JSON_TOO_DEEP]`,
    );
    expect(r.stderr).toMatch(/line 102: \d+ bytes, over the limit of 1048576 bytes \[JSON_TOO_LARGE\]/);
    expect(r.stderr).toContain(
      `line 203: id ${JSON.stringify(sim.events[0]!.id)} was used on line 1 by an event with different content; the first is kept [EVENT_ID_CONFLICT]`,
    );
    expect(r.stderr).toContain(
      'pushpull classify: 1 event re-uses an earlier id with different content: line 203 (id of line 1); the first of each was labeled',
    );
    expect(r.stderr).toContain(
      `pushpull classify: ${file}: 3 lines rejected (lines 101, 102, 203: 1 JSON_TOO_DEEP, 1 JSON_TOO_LARGE, 1 EVENT_ID_CONFLICT)`,
    );
  });

  it('refuses a JSON array on stdin with one error, and an org chart without manager_email', async () => {
    const r = await runCliInProcess(['classify', '--org', org], {}, JSON.stringify(sim.events.slice(0, 3)));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      "pushpull classify: stdin: line 1: expected JSON Lines (one event per line), but it starts with `[`, a JSON array; convert it with jq -c '.[]' FILE > FILE.jsonl [INPUT_NOT_JSONL]",
    );
    const flat = join(dir, 'flat.csv');
    writeFileSync(flat, 'email,name\nboss@acme.example,Boss\n');
    const noManager = await runCliInProcess(['classify', '--org', flat], {}, `${lines[0]}\n`);
    expect(noManager.code).toBe(1);
    expect(noManager.stderr).toMatch(
      new RegExp(
        `^pushpull classify: ${flat}: line 1: the header has no \`manager_email\` column: .* \\[ORG_CSV_MISSING_COLUMN\\]\n$`,
      ),
    );
  });
});
