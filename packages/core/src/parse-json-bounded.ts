/** Deepest nesting of objects and arrays {@link parseJsonBounded} accepts (the top value is level 1). */
export const MAX_JSON_DEPTH = 64;
/** Largest JSON text {@link parseJsonBounded} accepts, in UTF-8 bytes (1 MiB). */
export const MAX_JSON_BYTES = 1_048_576;

/** Why {@link parseJsonBounded} refused a text. */
export type JsonRejectCode = 'JSON_TOO_LARGE' | 'JSON_TOO_DEEP' | 'JSON_INVALID';

/** What {@link parseJsonBounded} found: the value, or a code and a one-line reason. Never thrown. */
export type BoundedJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; code: JsonRejectCode; reason: string };

/** Limits of {@link parseJsonBounded}; defaults {@link MAX_JSON_DEPTH} and {@link MAX_JSON_BYTES}. */
export interface JsonLimits {
  maxDepth?: number;
  maxBytes?: number;
}

const OPEN_BRACE = 123; // {
const OPEN_BRACKET = 91; // [
const CLOSE_BRACE = 125; // }
const CLOSE_BRACKET = 93; // ]
const QUOTE = 34; // "
const BACKSLASH = 92; // \

/**
 * The deepest nesting of objects and arrays in a JSON text (0 for a scalar), found by one scan
 * without recursion — so a text nested 100,000 levels deep cannot overflow the stack — and without
 * parsing: brackets inside strings do not count. On malformed JSON the figure is a best effort.
 *
 * @example jsonNestingDepth('{"a":[1,{"b":"[["}]}') // 3
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Where the string opened at `open` ends: the next quote not escaped (after an even run of
 * backslashes), or the end of the text. `indexOf` jumps over the string's body, which is most of an
 * event's text, instead of reading it a character at a time.
 */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/** The length of `text` in UTF-8 bytes, without encoding it when the answer is clear anyway. */
function utf8Length(text: string, limit: number): number {
  // One UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair, 2 units, is 4 bytes).
  if (text.length > limit || text.length * 3 <= limit) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

/**
 * `JSON.parse` that refuses input which would hurt whoever handles the value next: a text over
 * `maxBytes` (checked before parsing) and nesting deeper than `maxDepth` (checked before parsing,
 * without recursion: `JSON.stringify` and recursive validators overflow the stack on a value nested
 * 10,000 deep). It never throws; a refusal has a code and a one-line reason.
 *
 * @example
 * parseJsonBounded('{"a":1}') // { ok: true, value: { a: 1 } }
 * parseJsonBounded('['.repeat(100) + ']'.repeat(100)).ok // false: JSON_TOO_DEEP
 */
export function parseJsonBounded(text: string, limits: JsonLimits = {}): BoundedJsonResult {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const maxBytes = limits.maxBytes ?? MAX_JSON_BYTES;
  const bytes = utf8Length(text, maxBytes);
  if (bytes > maxBytes) {
    return {
      ok: false,
      code: 'JSON_TOO_LARGE',
      reason: `${text.length > maxBytes ? 'more than ' : ''}${bytes} bytes, over the limit of ${maxBytes} bytes`,
    };
  }
  const depth = jsonNestingDepth(text);
  if (depth > maxDepth) {
    return {
      ok: false,
      code: 'JSON_TOO_DEEP',
      reason: `nested ${depth} levels deep, over the limit of ${maxDepth}`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return {
      ok: false,
      code: 'JSON_INVALID',
      reason: `not valid JSON (${jsonSyntaxError(err)})`,
    };
  }
}

/**
 * What JSON.parse found wrong, and where, without the fragment of the input its message quotes
 * (`Unexpected token 'T', "TOP SECRET"... is not valid JSON` becomes `unexpected token`).
 */
function jsonSyntaxError(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const kind =
    (message.split(/[,'"]| in JSON| at position/)[0] ?? '')
      .replace(/[^A-Za-z -]/g, '')
      .trim()
      .toLowerCase() || 'syntax error';
  const position = /at position (\d+)/.exec(message);
  return position ? `${kind} at character ${Number(position[1]) + 1}` : kind;
}
