import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ActivityLine, readActivityLines } from './read-activity-lines';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-activity-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (n: number, text = 'Here is the plan.') => ({
  id: `slack:C1:${n}`,
  source: 'slack',
  type: 'slack.message.posted',
  occurredAt: '2026-05-01T10:00:00Z',
  actor: { slackId: 'U1' },
  targets: [],
  text,
  attributes: { channelType: 'public' },
});

async function read(content: string): Promise<ActivityLine[]> {
  const file = join(dir, `f${Math.random()}.jsonl`);
  writeFileSync(file, content);
  const out: ActivityLine[] = [];
  for await (const l of readActivityLines(file)) out.push(l);
  return out;
}

describe('readActivityLines', () => {
  it('yields every non-blank line: events, and rejections with their line and code', async () => {
    const deep = JSON.stringify(event(3)).replace(
      '{"channelType":"public"}',
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    );
    const lines = await read(
      [
        JSON.stringify(event(1)),
        '',
        'nope',
        deep,
        `{"t":"${'x'.repeat(1_100_000)}"}`,
        JSON.stringify(event(2)),
      ].join('\n'),
    );
    expect(lines.map((l) => (l.ok ? [l.line, l.event.id] : [l.line, l.code]))).toEqual([
      [1, 'slack:C1:1'],
      [3, 'JSON_INVALID'],
      [4, 'JSON_TOO_DEEP'],
      [5, 'JSON_TOO_LARGE'],
      [6, 'slack:C1:2'],
    ]);
  });

  it('tells a repeated event from an id re-used with different content', async () => {
    const again = JSON.stringify(event(1));
    // same content, keys in another order: a repeat, not a conflict
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(event(1)).reverse()));
    const lines = await read(
      [again, JSON.stringify(event(2)), reordered, JSON.stringify(event(1, 'Something else.'))].join('\n'),
    );
    expect(lines[2]).toMatchObject({ ok: true, line: 3, repeatOf: 1 });
    expect(lines[3]).toMatchObject({
      ok: false,
      line: 4,
      code: 'EVENT_ID_CONFLICT',
      reason: 'id "slack:C1:1" was used on line 1 by an event with different content; the first is kept',
      conflict: { firstLine: 1, event: { text: 'Something else.' } },
    });
  });

  it('refuses a JSON array file (or a pretty-printed one) as a whole, naming file and line', async () => {
    const file = join(dir, 'array.json');
    writeFileSync(file, `\n  [${JSON.stringify(event(1))},\n${JSON.stringify(event(2))}]\n`);
    const lines = async () => {
      for await (const _ of readActivityLines(file)) expect.unreachable();
    };
    await expect(lines()).rejects.toMatchObject({
      code: 'INPUT_NOT_JSONL',
      message: `${file}: line 2: expected JSON Lines (one event per line), but it starts with \`[\`, a JSON array; convert it with jq -c '.[]' FILE > FILE.jsonl`,
    });
    await expect(read(`{\n  "id": "x"\n}\n`)).rejects.toMatchObject({
      code: 'INPUT_NOT_JSONL',
      message: expect.stringMatching(
        /line 1: expected JSON Lines \(one event per line\), but its first line is `\{` alone/,
      ),
    });
  });

  it('names an unreadable input with a code', async () => {
    await expect(read('')).resolves.toEqual([]);
    const missing = join(dir, 'missing.jsonl');
    const lines = async () => {
      for await (const _ of readActivityLines(missing)) expect.unreachable();
    };
    await expect(lines()).rejects.toMatchObject({
      code: 'INPUT_UNREADABLE',
      message: expect.stringContaining(`${missing}: cannot be read (ENOENT`),
    });
  });
});
