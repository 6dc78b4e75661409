import { type ActivityEvent, MAX_JSON_BYTES, MAX_JSON_DEPTH, PushpullError } from '@pushpull/core';
import { EventIdLedger } from './event-id-ledger';
import { type LineRejectCode, parseActivityLine } from './parse-activity-line';
import { readLines, type TextLine } from './read-lines';

/** Why a line of ActivityEvent JSONL is rejected: a parse code, or an id re-used with other content. */
export type ActivityLineCode = LineRejectCode | 'EVENT_ID_CONFLICT';

/** One non-blank line of ActivityEvent JSONL, read and checked. */
export type ActivityLine =
  | {
      ok: true;
      line: number;
      event: ActivityEvent;
      /** Set when the same event (same id, same content) came earlier, on this line. */
      repeatOf?: number;
    }
  | {
      ok: false;
      line: number;
      code: ActivityLineCode;
      reason: string;
      /** For `EVENT_ID_CONFLICT`: the rejected event and the line whose event holds the id. */
      conflict?: { event: ActivityEvent; firstLine: number };
    };

export interface ReadActivityLinesOptions {
  /** How the input is named in errors (default: the path, or `stdin`). */
  name?: string;
  /** What stdin is (default: the process's). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * What an input that is one JSON document instead of JSON Lines looks like, and how to convert it:
 * an array (`[` first) or a pretty-printed object (`{` alone on the first line). Null otherwise.
 */
function notJsonLines(text: string): { what: string; fix: string } | null {
  const start = text.trimStart();
  if (start.startsWith('[')) return { what: 'it starts with `[`, a JSON array', fix: "jq -c '.[]'" };
  if (start.trimEnd() === '{') {
    return { what: 'its first line is `{` alone, a pretty-printed JSON document', fix: 'jq -c .' };
  }
  return null;
}

/**
 * Reads ActivityEvent JSONL (a file, or stdin when `path` is undefined or '-') and yields every
 * non-blank line as an event or as a rejection with a code and reason. Nothing about a line throws
 * past it: a line over 1 MiB is counted without being held in memory, a line nested deeper than 64
 * levels is refused before `JSON.parse`, and an event whose id an earlier line used with different
 * content is rejected (`EVENT_ID_CONFLICT`, the first is kept). The one error thrown is for the
 * whole input: a JSON array or pretty-printed document instead of JSON Lines
 * (`PushpullError('INPUT_NOT_JSONL')`, naming the input and line), before anything is yielded.
 *
 * @example
 * for await (const l of readActivityLines('events.jsonl')) {
 *   if (!l.ok) console.error(`line ${l.line}: ${l.reason} [${l.code}]`);
 * }
 */
export async function* readActivityLines(
  path: string | undefined,
  options: ReadActivityLinesOptions = {},
): AsyncGenerator<ActivityLine> {
  const name = options.name ?? (path === undefined || path === '-' ? 'stdin' : path);
  const ledger = new EventIdLedger();
  let first = true;
  const lines = readLines(path, { maxLineBytes: MAX_JSON_BYTES, stdin: options.stdin });
  try {
    for (;;) {
      let next: IteratorResult<TextLine>;
      try {
        next = await lines.next();
      } catch (cause) {
        throw new PushpullError(
          'INPUT_UNREADABLE',
          `${name}: cannot be read (${cause instanceof Error ? cause.message : String(cause)})`,
          { input: name },
          { cause },
        );
      }
      if (next.done) return;
      const { line, text, bytes, tooLong } = next.value;
      if (!tooLong && text.trim() === '') continue;
      if (first) {
        first = false;
        const shape = notJsonLines(text);
        if (shape !== null) {
          throw new PushpullError(
            'INPUT_NOT_JSONL',
            `${name}: line ${line}: expected JSON Lines (one event per line), but ${shape.what}; convert it with ${shape.fix} FILE > FILE.jsonl`,
            { input: name, line },
          );
        }
      }
      if (tooLong) {
        yield {
          ok: false,
          line,
          code: 'JSON_TOO_LARGE',
          reason: `${bytes} bytes, over the limit of ${MAX_JSON_BYTES} bytes`,
        };
        continue;
      }
      const parsed = parseActivityLine(text, { maxBytes: MAX_JSON_BYTES, maxDepth: MAX_JSON_DEPTH });
      if (!parsed.ok) {
        yield { line, ...parsed };
        continue;
      }
      const sighting = ledger.see(parsed.event, line);
      if (sighting.kind === 'conflict') {
        yield {
          ok: false,
          line,
          code: 'EVENT_ID_CONFLICT',
          reason: `id ${JSON.stringify(parsed.event.id)} was used on line ${sighting.firstLine} by an event with different content; the first is kept`,
          conflict: { event: parsed.event, firstLine: sighting.firstLine },
        };
      } else if (sighting.kind === 'repeat') {
        yield { ok: true, line, event: parsed.event, repeatOf: sighting.firstLine };
      } else {
        yield { ok: true, line, event: parsed.event };
      }
    }
  } finally {
    await lines.return(undefined);
  }
}
