const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;
const MENTION = /(^|\s)@[\w.-]+/g;

/** The longest token kept as it is; a longer one becomes `xlong`. */
const LONGEST_TOKEN = 24;

/** A code point that may start a token or continue one: a letter or a number (`[\p{L}\p{N}]`). */
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** Per BMP code unit: 0 not looked up yet, 1 a letter or number, 2 neither. ASCII filled in up front. */
const bmpClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) bmpClass[c] = LETTER_OR_NUMBER.test(String.fromCharCode(c)) ? 1 : 2;

/** Whether code point `cp` is a letter or a number (Unicode's L and N categories). */
function isLetterOrNumber(cp: number): boolean {
  if (cp < 0x10000) {
    let known = bmpClass[cp] as number;
    if (known === 0) {
      known = LETTER_OR_NUMBER.test(String.fromCharCode(cp)) ? 1 : 2;
      bmpClass[cp] = known;
    }
    return known === 1;
  }
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

/** `'`, `_`, `-`: they continue a token but do not start one. */
const isJoiner = (c: number) => c === 39 || c === 95 || c === 45;

/**
 * Walks the tokens `lexicalFeatures` reads in a text without making a string per token: after `reset`,
 * each `next()` that returns true places the next token at `text[start … end)`, or names the
 * placeholder it stands for. Tokens are lower-cased runs of letters and numbers (with `'`, `_` and `-`
 * inside them), and each `?` and `!`, in order. Links, emails and @mentions become `xurl`, `xemail`
 * and `xmention` (in the text), numbers `xnum` and tokens over 24 characters `xlong` (placeholders).
 * The same tokens as the pattern `/[\p{L}\p{N}][\p{L}\p{N}'_-]*|[?!]/gu` matches, found by one scan
 * over the code points (a pattern with Unicode classes costs more than this scan).
 *
 * @example const w = new WordScanner(); w.reset('Any update?'); while (w.next()) w.token() // 'any', 'update', '?'
 */
export class WordScanner {
  /** The text as scanned: lower-cased, links, emails and mentions replaced. */
  text = '';
  /** Where the current token starts and ends in `text`. */
  start = 0;
  end = 0;
  /** The placeholder the current token stands for (`xnum`, `xlong`), or null when it is its own text. */
  placeholder: string | null = null;
  private at = 0;

  /** Starts over on `text`. */
  reset(text: string): void {
    let s = text.toLowerCase();
    // Each placeholder pattern needs its marker ("http"/"www.", "@"): a text without it is left as it is.
    if (s.includes('http') || s.includes('www.')) s = s.replace(URL, ' xurl ');
    if (s.includes('@')) s = s.replace(EMAIL, ' xemail ').replace(MENTION, '$1 xmention ');
    this.text = s;
    this.at = 0;
  }

  /** Moves to the next token; false when there is none. */
  next(): boolean {
    const s = this.text;
    const n = s.length;
    let i = this.at;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 63 || c === 33) {
        this.found(i, i + 1);
        return true;
      }
      const cp = c < 0xd800 || c > 0xdbff ? c : (s.codePointAt(i) as number);
      const size = cp > 0xffff ? 2 : 1;
      if (!isLetterOrNumber(cp)) {
        i += size;
        continue;
      }
      const start = i;
      i += size;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d < 128) {
          if (bmpClass[d] === 1 || isJoiner(d)) i++;
          else break;
          continue;
        }
        const dp = d < 0xd800 || d > 0xdbff ? d : (s.codePointAt(i) as number);
        if (!isLetterOrNumber(dp)) break;
        i += dp > 0xffff ? 2 : 1;
      }
      this.found(start, i);
      return true;
    }
    this.at = n;
    return false;
  }

  /** The current token as a string (its placeholder, or its text). */
  token(): string {
    return this.placeholder ?? this.text.slice(this.start, this.end);
  }

  private found(start: number, end: number): void {
    this.start = start;
    this.end = end;
    this.at = end;
    this.placeholder = isNumber(this.text, start, end)
      ? 'xnum'
      : end - start > LONGEST_TOKEN
        ? 'xlong'
        : null;
  }
}

/**
 * Whether `s[start … end)`, a token, is a number: `/^\d[\d.,:/-]*$/` on it. A token holds only letters,
 * numbers, `'`, `_` and `-`, so that is an ASCII digit followed by ASCII digits and `-`.
 */
function isNumber(s: string, start: number, end: number): boolean {
  const first = s.charCodeAt(start);
  if (first < 48 || first > 57) return false;
  for (let i = start + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 45) return false;
  }
  return true;
}

/** The scanner `wordTokens` reuses. */
const scanner = new WordScanner();

/**
 * The tokens of a text as strings (see {@link WordScanner}).
 *
 * @example wordTokens("Can't ship v2 — see https://x.example?") // ["can't", 'ship', 'v2', 'see', 'xurl']
 */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  scanner.reset(text);
  while (scanner.next()) out.push(scanner.token());
  return out;
}
