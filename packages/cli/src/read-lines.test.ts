import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines, type TextLine, TOO_LONG_HEAD_BYTES } from './read-lines';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-read-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(content: string | Buffer, maxLineBytes?: number): Promise<TextLine[]> {
  const file = join(dir, `f${Math.random()}.txt`);
  writeFileSync(file, content);
  const out: TextLine[] = [];
  for await (const l of readLines(file, maxLineBytes === undefined ? {} : { maxLineBytes })) out.push(l);
  return out;
}

describe('readLines', () => {
  it('numbers lines from 1, ends them at LF or CRLF, drops a BOM, keeps blank lines', async () => {
    expect(await all('\uFEFFa\r\n\nb€\nc')).toEqual([
      { line: 1, text: 'a', bytes: 1 },
      { line: 2, text: '', bytes: 0 },
      { line: 3, text: 'b€', bytes: 4 },
      { line: 4, text: 'c', bytes: 1 },
    ]);
    expect(await all('')).toEqual([]);
    expect(await all('x\n')).toEqual([{ line: 1, text: 'x', bytes: 1 }]);
  });

  it('keeps multi-byte characters whole across read chunks', async () => {
    const long = '€'.repeat(100_000); // 300,000 bytes: several 64 KiB chunks
    const lines = await all(`${long}\nend\n`);
    expect(lines[0]!.text).toBe(long);
    expect(lines[1]).toEqual({ line: 2, text: 'end', bytes: 3 });
  });

  it('counts a line over maxLineBytes without holding it, and goes on', async () => {
    const huge = `[${'1,'.repeat(1_000_000)}1]`;
    const lines = await all(`{"a":1}\n${huge}\n{"b":2}\n`, 1000);
    expect(lines.map((l) => [l.line, l.bytes, l.tooLong ?? false])).toEqual([
      [1, 7, false],
      [2, huge.length, true],
      [3, 7, false],
    ]);
    expect(lines[1]!.text).toBe(huge.slice(0, TOO_LONG_HEAD_BYTES));
    expect(lines[2]!.text).toBe('{"b":2}');
    // exactly at the limit is fine
    expect((await all('12345\n', 5))[0]).toEqual({ line: 1, text: '12345', bytes: 5 });
  });
});
