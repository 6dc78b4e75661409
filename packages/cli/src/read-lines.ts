import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Reads a text file (or stdin when `path` is undefined or '-') line by line with 1-based line
 * numbers, without loading it whole.
 *
 * @example for await (const { line, text } of readLines('events.jsonl')) { ... }
 */
export async function* readLines(path: string | undefined): AsyncGenerator<{ line: number; text: string }> {
  const input =
    path === undefined || path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of rl) {
    line++;
    yield { line, text };
  }
}
