const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;
const NUMBER = /^\d[\d.,:/-]*$/;
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
 * The tokens `lexicalFeatures` reads in a text: lower-cased runs of letters and numbers (with `'`, `_`
 * and `-` inside them), and each `?` and `!`, in order. Links, emails and @mentions become `xurl`,
 * `xemail` and `xmention`, numbers `xnum`, tokens over 24 characters `xlong`. The same tokens as the
 * pattern `/[\p{L}\p{N}][\p{L}\p{N}'_-]*|[?!]/gu` matches, found by one scan over the code points
 * (a pattern with Unicode classes costs more than this scan).
 *
 * @example wordTokens("Can't ship v2 — see https://x.example?") // ["can't", 'ship', 'v2', 'see', 'xurl']
 */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  let s = text.toLowerCase();
  // Each placeholder pattern needs its marker ("http"/"www.", "@"): a text without it is left as it is.
  if (s.includes('http') || s.includes('www.')) s = s.replace(URL, ' xurl ');
  if (s.includes('@')) s = s.replace(EMAIL, ' xemail ').replace(MENTION, '$1 xmention ');
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 63 || c === 33) {
      out.push(c === 63 ? '?' : '!');
      i++;
      continue;
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
    out.push(token(s, start, i));
  }
  return out;
}

/** The token `s[start … end)`, or its placeholder. */
function token(s: string, start: number, end: number): string {
  const first = s.charCodeAt(start);
  if (first >= 48 && first <= 57) {
    const t = s.slice(start, end);
    return NUMBER.test(t) ? 'xnum' : t.length > LONGEST_TOKEN ? 'xlong' : t;
  }
  return end - start > LONGEST_TOKEN ? 'xlong' : s.slice(start, end);
}
