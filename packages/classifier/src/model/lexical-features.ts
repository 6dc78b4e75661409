import { cleanText } from '../clean-text';
import { FORWARD_SUBJECT, REPLY_SUBJECT } from '../phrase-patterns';

/** How much of a cleaned text the wording features read: the main purpose is nearly always up front. */
export const LEXICAL_TEXT_LIMIT = 1500;

/** Length of the character n-grams taken inside each word (with `<` and `>` marking its ends). */
export const CHAR_GRAM = 4;

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'_-]*|[?!]/gu;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;
const NUMBER = /^\d[\d.,:/-]*$/;
const MENTION = /(^|\s)@[\w.-]+/g;

function tokens(text: string): string[] {
  const out: string[] = [];
  const normalised = text
    .toLowerCase()
    .replace(URL, ' xurl ')
    .replace(EMAIL, ' xemail ')
    .replace(MENTION, '$1 xmention ');
  for (const match of normalised.matchAll(TOKEN)) {
    const t = match[0];
    out.push(NUMBER.test(t) ? 'xnum' : t.length > 24 ? 'xlong' : t);
  }
  return out;
}

/**
 * The wording features of a message, for the learned layer: word unigrams and bigrams and the
 * character 4-grams inside each word (typos and word forms share them) of the cleaned text (quoted replies and signatures removed, as the rules read it; the first
 * {@link LEXICAL_TEXT_LIMIT} characters), its first words and its last token, and the subject's words
 * when the subject is the author's own (not "Re:"/"Fwd:"). Links, emails, mentions and numbers become
 * placeholders. Each feature appears once. These features name words: they are used inside the
 * classifier only and never leave it (labels carry rule ids, not features).
 *
 * @example lexicalFeatures({ text: 'Any update?' }) // ['w:any', 'w:update', 'w:?', 'b:any update', …]
 */
export function lexicalFeatures(input: { subject?: string | null; text?: string | null }): string[] {
  const features = new Set<string>();
  const body = tokens(cleanText(input.text ?? '').slice(0, LEXICAL_TEXT_LIMIT));
  for (let i = 0; i < body.length; i++) {
    features.add(`w:${body[i]}`);
    const padded = `<${body[i]}>`;
    for (let j = 0; j + CHAR_GRAM <= padded.length; j++) features.add(`c:${padded.slice(j, j + CHAR_GRAM)}`);
    if (i + 1 < body.length) features.add(`b:${body[i]} ${body[i + 1]}`);
  }
  if (body.length > 0) {
    features.add(`f:${body[0]}`);
    if (body.length > 1) features.add(`f2:${body[0]} ${body[1]}`);
    features.add(`l:${body[body.length - 1]}`);
  }
  const subject = input.subject ?? '';
  if (subject !== '' && !REPLY_SUBJECT.test(subject) && !FORWARD_SUBJECT.test(subject)) {
    for (const t of tokens(subject)) features.add(`sub:${t}`);
  }
  return [...features];
}
