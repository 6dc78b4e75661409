import { createReadStream } from 'node:fs';

/** One line of a text file: its 1-based number and its text (without the line break). */
export interface TextLine {
  line: number;
  /** The line's text; for a line over `maxLineBytes`, only its first bytes (see `tooLong`). */
  text: string;
  /** The line's length in UTF-8 bytes, without the line break. */
  bytes: number;
  /** True when the line is longer than `maxLineBytes`: it was never held whole in memory. */
  tooLong?: true;
}

export interface ReadLinesOptions {
  /**
   * A line longer than this (UTF-8 bytes) is not held in memory: it is yielded with `tooLong`, its
   * byte count and its first {@link TOO_LONG_HEAD_BYTES} bytes as `text`. Default: no limit.
   */
  maxLineBytes?: number;
  /** What stdin is (default: the process's). */
  stdin?: NodeJS.ReadableStream;
}

/** How much of a line over `maxLineBytes` is kept as its `text` (enough to see how it starts). */
export const TOO_LONG_HEAD_BYTES = 256;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads a text file (or stdin when `path` is undefined or '-') line by line with 1-based line
 * numbers, without loading it whole. Lines end at LF or CRLF; a UTF-8 byte-order mark at the start
 * is dropped. With `maxLineBytes`, one enormous line cannot exhaust memory: it is counted, not kept.
 *
 * @example for await (const { line, text } of readLines('events.jsonl')) { ... }
 * @example for await (const l of readLines(file, { maxLineBytes: 1_048_576 })) if (l.tooLong) …
 */
export async function* readLines(
  path: string | undefined,
  options: ReadLinesOptions = {},
): AsyncGenerator<TextLine> {
  const input =
    path === undefined || path === '-' ? (options.stdin ?? process.stdin) : createReadStream(path);
  const max = options.maxLineBytes ?? Number.POSITIVE_INFINITY;
  let parts: Buffer[] = [];
  let bytes = 0;
  let line = 0;

  const finish = (): TextLine => {
    line++;
    let held = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    let length = bytes;
    if (length > 0 && bytes <= max && held[held.length - 1] === CR) {
      held = held.subarray(0, held.length - 1);
      length--;
    }
    if (line === 1 && held[0] === 0xef && held[1] === 0xbb && held[2] === 0xbf) {
      held = held.subarray(3);
      length -= 3;
    }
    parts = [];
    bytes = 0;
    const text = held.toString('utf8');
    return length > max ? { line, text, bytes: length, tooLong: true } : { line, text, bytes: length };
  };

  /** Adds a piece of the current line; past the limit only its size is kept (and the head). */
  const add = (piece: Buffer) => {
    if (piece.length === 0) return;
    if (bytes + piece.length <= max) {
      parts.push(piece);
    } else if (bytes <= max) {
      // Crossing the limit: keep only the head of the line.
      const head = Buffer.concat([...parts, piece]).subarray(0, TOO_LONG_HEAD_BYTES);
      parts = [Buffer.from(head)];
    }
    bytes += piece.length;
  };

  for await (const chunk of input) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let at = buf.indexOf(LF, start); at !== -1; at = buf.indexOf(LF, start)) {
      add(buf.subarray(start, at));
      yield finish();
      start = at + 1;
    }
    // Copy: the stream may reuse its buffer.
    if (start < buf.length) add(Buffer.from(buf.subarray(start)));
  }
  if (bytes > 0) yield finish();
}
