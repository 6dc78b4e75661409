import {
  ACK_PHRASE,
  AS_REQUESTED,
  AUTHOR_SUBJECT,
  COURTESY_CLOSERS,
  DIRECTIVE_PATTERNS,
  EMOJI,
  EMOTICON,
  type NamedPattern,
  OPENERS,
  QUESTION_STARTERS,
  REQUEST_PATTERNS,
  THANKS_FOR,
} from './phrase-patterns';

/** What the text rules know about one sentence. Holds no text, only what was recognised. */
export interface SentenceFeatures {
  /** Only thanks, acknowledgement, greeting or emoji. */
  acknowledgement: boolean;
  /** A courtesy line ("Let me know if you have any questions.") — ignored when trailing. */
  courtesy: boolean;
  /** Ends with `?`, or starts like a question. */
  question: boolean;
  /** Asks for information or a deliverable to be sent or shared to the author, or for input. */
  request: boolean;
  /** Directive wording: "please fix", "make sure", "by Friday", "I need you to". */
  directive: boolean;
  /** Says it fulfils a request: "as you requested". */
  asRequested: boolean;
  /** The ids of the phrase patterns that matched, for evaluation and debugging. */
  matched: string[];
}

const CLAUSE_SPLIT = /\s*[,;:]\s+|\s*[,;:]$|\s+[-–—]+\s+/;
const TRAILING_NOISE = /[\s.!?…,;:)\]"'”’*_~-]+$/;
const LEADING_NOISE = /^[\s*_~"'“‘([-]+/;
const NAME_TOKEN = /^(?:@[\w.-]+|\p{Lu}[\p{L}'-]*)$/u;

/**
 * A sentence in the form the phrase patterns expect: lower-case, straight apostrophes, no emoji,
 * single spaces, no leading or trailing punctuation.
 *
 * @example normaliseSentence('  Can’t we ship it?! 🙏') === "can't we ship it"
 */
export function normaliseSentence(sentence: string): string {
  return sentence
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(EMOJI, ' ')
    .replace(EMOTICON, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(TRAILING_NOISE, '')
    .replace(LEADING_NOISE, '')
    .trim();
}

/**
 * True when a sentence is nothing but thanks, acknowledgement, greetings, names and emoji
 * ("Thanks Ana!", "Sounds good", "👍", "Good morning team", "Thanks for the update!").
 *
 * @example isAcknowledgement('Great, thanks @ana 🙌') === true
 */
export function isAcknowledgement(sentence: string): boolean {
  const plain = sentence.replace(/[’‘]/g, "'").replace(EMOJI, ' ').replace(EMOTICON, ' ');
  const clauses = plain.split(/[,;:.!?…]+|\s[-–—]+\s/);
  let words = 0;
  let acknowledged = false;
  for (const clause of clauses) {
    const text = clause
      .replace(/[^\p{L}\p{N}@'+\s-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (text === '') continue;
    words++;
    if (THANKS_FOR.test(text.toLowerCase())) {
      acknowledged = true;
      continue;
    }
    const rest = text.replace(ACK_PHRASE, ' ').trim();
    if (rest !== text) acknowledged = true;
    if (rest === '') continue;
    // What is left may only be a name or two ("Thanks Ana", "Hi @sam").
    const tokens = rest.split(/\s+/);
    if (tokens.length > 3 || !tokens.every((t) => NAME_TOKEN.test(t))) return false;
  }
  return words === 0 || acknowledged;
}

/**
 * True for a courtesy line that does not ask for anything in earnest.
 *
 * @example isCourtesyCloser('Let me know if you have any questions.') === true
 */
export function isCourtesyCloser(sentence: string): boolean {
  const n = normaliseSentence(sentence);
  return COURTESY_CLOSERS.some((c) => c.pattern.test(n));
}

/**
 * Recognises everything the 0.1.0 text rules use in one sentence.
 *
 * @example sentenceFeatures('Can you send me the status?').request === true
 */
export function sentenceFeatures(sentence: string): SentenceFeatures {
  const matched: string[] = [];
  const acknowledgement = isAcknowledgement(sentence);
  const courtesy = isCourtesyCloser(sentence);
  const body = questionBody(sentence);
  const pick = (patterns: readonly NamedPattern[], prefix: string): boolean => {
    let any = false;
    for (const p of patterns) {
      if (p.pattern.test(body)) {
        matched.push(`${prefix}:${p.id}`);
        any = true;
      }
    }
    return any;
  };
  const questionMark = endsWithQuestionMark(sentence);
  if (questionMark) matched.push('question:mark');
  const starter = pick(QUESTION_STARTERS, 'question');
  const request = pick(REQUEST_PATTERNS, 'request');
  const directivePatterns = AUTHOR_SUBJECT.test(body)
    ? DIRECTIVE_PATTERNS.filter((p) => p.id !== 'deadline')
    : DIRECTIVE_PATTERNS;
  const directive = pick(directivePatterns, 'directive');
  const asRequested = AS_REQUESTED.test(body);
  if (asRequested) matched.push('initiative:as-requested');
  return {
    acknowledgement,
    courtesy,
    question: questionMark || starter,
    request,
    directive,
    asRequested,
    matched,
  };
}

/** True when the sentence's final punctuation (emoji and closing marks aside) holds a `?`. */
function endsWithQuestionMark(sentence: string): boolean {
  const trimmed = sentence
    .replace(EMOJI, ' ')
    .replace(EMOTICON, ' ')
    .replace(/[\s)\]"'”’*_~]+$/, '');
  const tail = /[.!?…]+$/.exec(trimmed);
  return tail?.[0].includes('?') ?? false;
}

/** The sentence without leading greeting, thanks or opener clauses ("Hi Ana, also, can you…"). */
function questionBody(sentence: string): string {
  const clauses = sentence.replace(/[’‘]/g, "'").split(CLAUSE_SPLIT);
  let i = 0;
  while (
    i < clauses.length - 1 &&
    (OPENERS.test(normaliseSentence(clauses[i]!)) || isAcknowledgement(clauses[i]!))
  ) {
    i++;
  }
  return normaliseSentence(clauses.slice(i).join(', '));
}
